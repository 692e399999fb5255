#!/usr/bin/env node
// Bulwark's HTTP server: Next.js behind a plain Node server that records the socket's peer
// address in `x-bulwark-peer-ip`, overwriting anything a client sent under that name. Next.js
// itself fills X-Forwarded-For only when the client did not, so without this the real peer would
// be lost and a client could pick its own address for rate limiting. Usage: node scripts/server.mjs [--dev]
import { existsSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { silenceExpectedNextWarnings } from "./expected-warnings.mjs";

silenceExpectedNextWarnings();

const dev = process.argv.includes("--dev");
// A production build is production, whatever NODE_ENV says: with NODE_ENV=development or test it
// would accept the published non-production secrets. Only --dev runs anything else.
if (!dev) process.env.NODE_ENV = "production";
// next-auth computes its origin from the request only when told to trust the host. The auth route
// (lib/identity/auth-request.ts) has validated the Host before next-auth runs, and NEXTAUTH_URL is
// refused by configuration, so each store gets its own origin. Set here, at start-up, not by a
// module as a side effect of being imported.
process.env.AUTH_TRUST_HOST = "true";
// A packaged build (scripts/package-standalone.mjs) has no next.config.ts to compile: it carries the
// configuration the build resolved, handed to Next.js the way its own standalone server does.
const packagedConfig = path.resolve(import.meta.dirname, "..", "next-config.json");
if (!dev && existsSync(packagedConfig)) {
  process.env.__NEXT_PRIVATE_STANDALONE_CONFIG = readFileSync(packagedConfig, "utf8");
}
const { default: next } = await import("next");
const port = Number(process.env.PORT || 3000);
const hostname = process.env.HOSTNAME || "localhost";
process.env.PORT = String(port);

const server = createServer();
const app = next({ dev, hostname, port, httpServer: server, ...(dev ? { turbopack: true } : {}) });
await app.prepare();
const handle = app.getRequestHandler();
const upgrade = app.getUpgradeHandler();

// The middleware's rewrite target names an internal path (/_tenant/<host>/…). Next.js reads it
// internally before the response is written; it is dropped only from what goes to the client.
const INTERNAL_HEADER = "x-middleware-rewrite";

// Next.js drops Content-Length from every route handler's response (send-response.js: the body
// may have been decoded on the way) and sends it chunked. A handler that knows its exact length
// (an uploaded image) declares it under this name; it becomes Content-Length here, where the bytes
// leave unchanged. Node writes the headers through writeHead, implicitly too.
const DECLARED_LENGTH = "x-bulwark-content-length";

function restoreDeclaredLength(res) {
  const declared = res.getHeader(DECLARED_LENGTH);
  if (declared === undefined) return;
  res.removeHeader(DECLARED_LENGTH);
  if (/^\d{1,12}$/.test(String(declared)) && !res.getHeader("content-encoding")) {
    res.removeHeader("transfer-encoding");
    res.setHeader("content-length", String(declared));
  }
}

function hideInternalHeader(res) {
  const writeHead = res.writeHead.bind(res);
  res.writeHead = (status, ...rest) => {
    res.removeHeader(INTERNAL_HEADER);
    restoreDeclaredLength(res);
    const headers = rest.at(-1);
    if (Array.isArray(headers)) {
      const kept = [];
      for (let i = 0; i + 1 < headers.length; i += 2) {
        if (String(headers[i]).toLowerCase() !== INTERNAL_HEADER) kept.push(headers[i], headers[i + 1]);
      }
      rest[rest.length - 1] = kept;
    } else if (headers && typeof headers === "object") {
      for (const name of Object.keys(headers)) if (name.toLowerCase() === INTERNAL_HEADER) delete headers[name];
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
  hideInternalHeader(res);
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
