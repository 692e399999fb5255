// The production servers `npm run bench` drives: the build in .next-bench, each on its own copy of
// the database, rate limiter on, behind one trusted proxy hop so every simulated client can carry
// its own address in X-Forwarded-For (nobody is blocked, and nobody shares a budget).
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

export const BENCH_DIST_DIR = ".next-bench";
/** The same build with its middleware manifest emptied: the server runs no middleware at all. */
export const BARE_DIST_DIR = ".next-bench-bare";

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

/**
 * The "middleware off" server: the bench build's compiled code, hard-linked file by file (no copy
 * of the bytes), with an empty middleware manifest. Same pages, same chunks: the only difference
 * is that Next.js finds no middleware to run. Its pages are asked for by their internal tenant
 * path, which only the middleware's rewrite reaches otherwise.
 */
export function prepareBareBuild(): void {
  rmSync(BARE_DIST_DIR, { recursive: true, force: true });
  const link = (from: string, to: string) => {
    mkdirSync(to, { recursive: true });
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      const source = path.join(from, entry.name);
      if (entry.isDirectory()) link(source, path.join(to, entry.name));
      else if (entry.isFile()) linkSync(source, path.join(to, entry.name));
      // The build's own node_modules aliases (its external packages) are relative symlinks.
      else if (entry.isSymbolicLink()) symlinkSync(readlinkSync(source), path.join(to, entry.name));
    }
  };
  link(BENCH_DIST_DIR, BARE_DIST_DIR);
  const manifestFile = path.join(BARE_DIST_DIR, "server", "middleware-manifest.json");
  const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as Record<string, unknown>;
  // A new file, not a write through the link: the real build's manifest stays as it is.
  rmSync(manifestFile);
  writeFileSync(manifestFile, JSON.stringify({ ...manifest, middleware: {}, sortedMiddleware: [] }));
}

/** Polls `answers` until it is true; fails if the child exits first or 60 s pass. */
async function waitUntilAnswering(child: ChildProcess, name: string, answers: () => Promise<boolean>): Promise<void> {
  for (let waited = 0; ; waited += 250) {
    if (child.exitCode !== null) throw new Error(`${name} exited (${child.exitCode})`);
    if (await answers()) return;
    if (waited > 60_000) throw new Error(`${name} did not answer within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function stopChild(child: ChildProcess): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once("exit", () => resolve());
    child.kill("SIGTERM");
  });
}

export type BenchServer = { port: number; origin: string; child: ChildProcess; stop(): Promise<void> };

export type ServerOptions = {
  /** The build to serve (BENCH_DIST_DIR, or BARE_DIST_DIR for the middleware-off server). */
  distDir?: string;
  /** Where Stripe is answered (the emulator), with the webhook secret the two share. */
  stripe?: { url: string; webhookSecret: string };
  /** Flags for the server's node (`--cpu-prof` to see where a page's time goes). */
  nodeArgs?: string[];
};

export async function startServer(
  port: number,
  databaseFile: string,
  options: ServerOptions = {},
): Promise<BenchServer> {
  const distDir = options.distDir ?? BENCH_DIST_DIR;
  const child = spawn("node", [...(options.nodeArgs ?? []), "scripts/server.mjs"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      DATABASE_URL: `file:${databaseFile}`,
      NEXT_DIST_DIR: distDir,
      NEXT_TELEMETRY_DISABLED: "1",
      NEXTAUTH_SECRET: randomBytes(32).toString("hex"),
      TRUSTED_PROXY_HOPS: "1",
      BULWARK_BENCH_PAGES: "1",
      // No money, no mail: checkouts go to the local Stripe emulator (or to a closed port when the
      // server is not measured on checkouts).
      BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY: "1",
      STRIPE_API_URL: options.stripe?.url ?? "http://127.0.0.1:9",
      STRIPE_WEBHOOK_SECRET: options.stripe?.webhookSecret ?? `whsec_${randomBytes(24).toString("hex")}`,
      PLATFORM_HOST: "admin.localhost",
    },
  });
  const origin = `http://127.0.0.1:${port}`;
  const probe = distDir === BARE_DIST_DIR ? "/_tenant/localhost/bench/trivial" : "/bench/trivial";
  await waitUntilAnswering(child, `the server on port ${port}`, () =>
    fetch(`${origin}${probe}`, { headers: { host: `localhost:${port}` } }).then(
      (response) => response.ok,
      () => false,
    ),
  );
  return {
    port,
    origin,
    child,
    stop: () => stopChild(child),
  };
}

/** Resident memory of a server process, in MiB (Linux). */
export function residentMiB(server: BenchServer): number {
  const status = readFileSync(`/proc/${server.child.pid}/status`, "utf8");
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? 0) / 1024;
}

/** The local Stripe emulator in a process of its own, for the checkout measurement. */
export async function startStripeEmulatorProcess(
  port: number,
  webhookUrl: string,
): Promise<{ url: string; webhookSecret: string; stop(): Promise<void> }> {
  const webhookSecret = `whsec_${randomBytes(24).toString("hex")}`;
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/stripe-emulator/main.ts"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NODE_ENV: "production",
      BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY: "1",
      STRIPE_EMULATOR_PORT: String(port),
      STRIPE_EMULATOR_WEBHOOK_URL: webhookUrl,
      STRIPE_WEBHOOK_SECRET: webhookSecret,
    },
  });
  const url = `http://127.0.0.1:${port}`;
  await waitUntilAnswering(child, "the Stripe emulator", () =>
    fetch(url).then(
      () => true,
      () => false,
    ),
  );
  return {
    url,
    webhookSecret,
    stop: () => stopChild(child),
  };
}
