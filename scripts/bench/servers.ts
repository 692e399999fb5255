// The production servers `npm run bench` drives: the build in .next-bench, each on its own copy of
// the database, rate limiter on, behind one trusted proxy hop so every simulated client can carry
// its own address in X-Forwarded-For (nobody is blocked, and nobody shares a budget).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";

export const BENCH_DIST_DIR = ".next-bench";

export function buildForBench(): void {
  console.log(`building the production server into ${BENCH_DIST_DIR} …`);
  const built = spawnSync(
    "node",
    ["--import", "./scripts/quiet-next.mjs", "node_modules/next/dist/bin/next", "build"],
    {
      stdio: "inherit",
      env: { ...process.env, NODE_ENV: "production", NEXT_DIST_DIR: BENCH_DIST_DIR, NEXT_TELEMETRY_DISABLED: "1" },
    },
  );
  if (built.status !== 0) throw new Error("next build failed");
}

export type BenchServer = { port: number; origin: string; child: ChildProcess; stop(): Promise<void> };

export async function startServer(port: number, databaseFile: string): Promise<BenchServer> {
  const child = spawn("node", ["scripts/server.mjs"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: `file:${databaseFile}`,
      NEXT_DIST_DIR: BENCH_DIST_DIR,
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      TRUSTED_PROXY_HOPS: "1",
      BULWARK_BENCH_PAGES: "1",
      // No money, no mail: the bench starts no checkout; the emulator's address is never called.
      BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY: "1",
      STRIPE_API_URL: "http://127.0.0.1:9",
      STRIPE_WEBHOOK_SECRET: `whsec_${randomBytes(24).toString("hex")}`,
      PLATFORM_HOST: "admin.localhost",
    },
  });
  const origin = `http://127.0.0.1:${port}`;
  for (let waited = 0; ; waited += 250) {
    if (child.exitCode !== null) throw new Error(`the server on port ${port} exited (${child.exitCode})`);
    const ready = await fetch(`${origin}/bench/trivial`, { headers: { host: `localhost:${port}` } }).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    if (waited > 60_000) throw new Error(`the server on port ${port} did not answer within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    port,
    origin,
    child,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** Resident memory of a server process, in MiB (Linux). */
export function residentMiB(server: BenchServer): number {
  const status = readFileSync(`/proc/${server.child.pid}/status`, "utf8");
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) / 1024;
}
