// The real tool: sqlmap (Debian's `sqlmap` package), as an attacker runs it after a first 403 —
// with a browser's agent string (--random-agent) — pointed at a store's search. Its traffic goes
// through a small forwarding proxy here, which gives it its own address (X-Forwarded-For; the
// instance trusts one proxy hop) and records every request's time and answer, like the
// simulated attacks. Included with `npm run attack:sim -- --with-sqlmap`.
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Attack, Shot } from "./attacks";

export function isSqlmapInstalled(): boolean {
  return spawnSync("sqlmap", ["--version"], { stdio: "ignore" }).status === 0;
}

export function buildSqlmapAttack(ip: string): Attack {
  return {
    name: "sqlmap (the real tool, browser agent)",
    // Only its payloads give it away, and those are noted, never blocked (a search can look like one).
    rule: "injection-probing",
    key: ip,
    contains: false,
    run: async (origin, host, durationMs) => {
      const shots: Shot[] = [];
      const port = origin.port || "80";
      const proxy = createServer((incoming, outgoing) => {
        const at = Date.now();
        const target = new URL(incoming.url ?? "/", `http://${host}:${port}`);
        const forwarded = httpRequest(
          {
            host: origin.hostname === "localhost" ? "127.0.0.1" : origin.hostname,
            port,
            path: `${target.pathname}${target.search}`,
            method: incoming.method,
            headers: { ...incoming.headers, host: `${host}:${port}`, "x-forwarded-for": ip },
          },
          (answer) => {
            shots.push({ at, status: answer.statusCode ?? 0 });
            outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(outgoing);
          },
        );
        forwarded.on("error", () => {
          shots.push({ at, status: 0 });
          outgoing.destroy();
        });
        incoming.pipe(forwarded);
      });
      await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
      const output = mkdtempSync(path.join(tmpdir(), "bulwark-sqlmap-"));
      const sqlmap = spawn(
        "sqlmap",
        [
          ...["-u", `http://${host}:${port}/search?q=wool`],
          ...["--proxy", `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`],
          ...["--batch", "--random-agent", "--level", "1", "--risk", "1", "--threads", "2"],
          ...["--timeout", "5", "--retries", "0", "--flush-session", "--output-dir", output, "-v", "0"],
        ],
        { stdio: "ignore" },
      );
      const timer = setTimeout(() => sqlmap.kill("SIGINT"), durationMs);
      await new Promise((resolve) => sqlmap.on("exit", resolve));
      clearTimeout(timer);
      proxy.close();
      rmSync(output, { recursive: true, force: true });
      return shots;
    },
  };
}
