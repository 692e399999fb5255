// A small Upstash-REST-compatible server in front of a real redis-server, so the real
// @upstash/redis and @upstash/ratelimit clients are tested offline (Upstash's own local stand-in
// runs only in Docker). It speaks the parts of the protocol the clients use:
//   POST /            one command as a JSON array      → {"result": …} or 400 {"error": …}
//   POST /pipeline    an array of commands              → [{"result": …} | {"error": …}, …]
//   POST /multi-exec  the same, inside MULTI/EXEC
// with a bearer token, and base64-encoded results when the client asks (Upstash-Encoding).
//
// Known quirk handled here: the ratelimit scripts begin with `#!lua flags=allow-key-locking`,
// which Redis 7.0 rejects. EVAL gets the shebang stripped; the client's EVALSHA hashes (of the
// original text) are mapped to the stripped script's hash once the script has been seen.
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { RespClient, RespError, type RespValue } from "./resp-client";

const SHEBANG = /^#![^\n]*\n/;

export type UpstashRestServer = { url: string; token: string; close: () => Promise<void>; commands: string[] };

function encodeResult(value: RespValue, base64: boolean): unknown {
  if (Array.isArray(value)) return value.map((item) => encodeResult(item, base64));
  if (typeof value === "string" && base64 && value !== "OK") return Buffer.from(value).toString("base64");
  return value;
}

export async function startUpstashRestServer(
  redisSocket: string,
  token = "test-token",
  port = 0,
): Promise<UpstashRestServer> {
  const redis = await RespClient.connect(redisSocket);
  const scriptHashes = new Map<string, string>();
  const commands: string[] = [];

  async function run(command: unknown[]): Promise<RespValue> {
    const args = command.map((part) =>
      typeof part === "string" || typeof part === "number" ? part : JSON.stringify(part),
    );
    const name = String(args[0] ?? "").toUpperCase();
    commands.push(name);
    if (name === "EVAL" && typeof args[1] === "string" && SHEBANG.test(args[1])) {
      const original = args[1];
      const stripped = original.replace(SHEBANG, "");
      scriptHashes.set(
        createHash("sha1").update(original).digest("hex"),
        createHash("sha1").update(stripped).digest("hex"),
      );
      return redis.send(["EVAL", stripped, ...args.slice(2)]);
    }
    if (name === "EVALSHA" && typeof args[1] === "string") {
      return redis.send(["EVALSHA", scriptHashes.get(args[1]) ?? args[1], ...args.slice(2)]);
    }
    return redis.send(args);
  }

  const reply = (value: RespValue, base64: boolean) =>
    value instanceof RespError ? { error: value.message } : { result: encodeResult(value, base64) };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(body));
      };
      if (req.method === "GET" && req.url === "/health") return send(200, { result: "ok" });
      if (req.method !== "POST") return send(405, { error: "method not allowed" });
      if (req.headers.authorization !== `Bearer ${token}`) return send(401, { error: "Unauthorized" });
      const base64 = String(req.headers["upstash-encoding"] ?? "").toLowerCase() === "base64";
      let body: unknown;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString("utf8"));
      } catch {
        return send(400, { error: "ERR body is not JSON" });
      }
      try {
        if (req.url === "/" || req.url === "") {
          if (!Array.isArray(body)) return send(400, { error: "ERR expected a command array" });
          const result = reply(await run(body), base64);
          return send("error" in result ? 400 : 200, result);
        }
        if (req.url === "/pipeline" || req.url === "/multi-exec") {
          if (!Array.isArray(body) || !body.every(Array.isArray))
            return send(400, { error: "ERR expected an array of commands" });
          const atomic = req.url === "/multi-exec";
          if (atomic) await redis.send(["MULTI"]);
          const queued: RespValue[] = [];
          for (const command of body as unknown[][]) queued.push(await run(command));
          const results = atomic ? ((await redis.send(["EXEC"])) as RespValue[]) : queued;
          return send(
            200,
            results.map((value) => reply(value, base64)),
          );
        }
        return send(404, { error: "not found" });
      } catch (error) {
        return send(500, { error: String(error) });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  const address = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${address.port}`,
    token,
    commands,
    close: async () => {
      redis.close();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
