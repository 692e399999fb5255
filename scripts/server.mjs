#!/usr/bin/env node
// Bulwark's HTTP server: Next.js behind a plain Node server that records the socket's peer
// address in `x-bulwark-peer-ip`, overwriting anything a client sent under that name. Next.js
// itself fills X-Forwarded-For only when the client did not, so without this the real peer would
// be lost and a client could pick its own address for rate limiting. Usage: node scripts/server.mjs [--dev]
import { createServer } from "node:http";
import next from "next";

const dev = process.argv.includes("--dev");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "localhost";
process.env.PORT = String(port);

const server = createServer();
const app = next({ dev, hostname, port, httpServer: server, ...(dev ? { turbopack: true } : {}) });
await app.prepare();
const handle = app.getRequestHandler();
const upgrade = app.getUpgradeHandler();

// Headers Next.js uses between the middleware and the router; they name internal paths
// (/_tenant/<host>/…) and are never sent to a client.
const INTERNAL_HEADERS = new Set(["x-middleware-rewrite", "x-middleware-next", "x-middleware-set-cookie"]);

function hideInternalHeaders(res) {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => (INTERNAL_HEADERS.has(String(name).toLowerCase()) ? res : setHeader(name, value));
  const writeHead = res.writeHead.bind(res);
  res.writeHead = (status, ...rest) => {
    for (const name of INTERNAL_HEADERS) res.removeHeader(name);
    const headers = rest.at(-1);
    if (Array.isArray(headers)) {
      const kept = [];
      for (let i = 0; i + 1 < headers.length; i += 2) {
        if (!INTERNAL_HEADERS.has(String(headers[i]).toLowerCase())) kept.push(headers[i], headers[i + 1]);
      }
      rest[rest.length - 1] = kept;
    } else if (headers && typeof headers === "object") {
      for (const name of Object.keys(headers)) if (INTERNAL_HEADERS.has(name.toLowerCase())) delete headers[name];
    }
    return writeHead(status, ...rest);
  };
}

server.on("request", (req, res) => {
  // An absolute-form target (GET http://elsewhere.example/ HTTP/1.1) is meant for a proxy; Next.js
  // would answer it with a redirect to that foreign host. Only origin-form paths are served.
  if (!req.url?.startsWith("/")) {
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8", connection: "close" });
    res.end("Bad request: the request target must be a path.");
    return;
  }
  req.headers["x-bulwark-peer-ip"] = req.socket.remoteAddress ?? "";
  hideInternalHeaders(res);
  void handle(req, res);
});
server.on("upgrade", (req, socket, head) => {
  req.headers["x-bulwark-peer-ip"] = req.socket.remoteAddress ?? "";
  void upgrade(req, socket, head);
});
server.listen(port, () => {
  console.log(`▲ Bulwark ${dev ? "development" : "production"} server on http://localhost:${port}`);
});
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    server.close();
    void app.close().finally(() => process.exit(0));
  });
}
