// npm run bench — speed targets (issue 14). Two halves, one exit code:
//   in process: password hashing, the catalog's queries run cold (data cache invalidated) on a 1×
//     and a 100× catalog, the in-memory limiter — each line a median and p95 against a target;
//   over HTTP (scripts/bench/http.ts): the production build driven by autocannon, one table of
//     ratios against a trivial page, written to bench/results/.
// Flags: --libsql (the in-process queries through libSQL), --no-http (in-process half only),
// --no-build (reuse the last build in .next-bench). Targets are for the reference machine (2 cores).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DATABASE_SCHEMES, ensureBaseDatabase } from "../test/support/base-database";
import { pickTargets, prepareBenchDatabase } from "./bench/catalog-copy";

const driver = process.argv.includes("--libsql") ? "libsql" : "better-sqlite3";
const dir = mkdtempSync(path.join(tmpdir(), "bulwark-bench-"));
const file = path.join(dir, "bench.db");
copyFileSync(ensureBaseDatabase(driver), file);
process.env.DATABASE_URL = `${DATABASE_SCHEMES[driver]}${file}`;
console.log(`driver: ${driver}`);

const { hashPassword, verifyPassword } = await import("../lib/identity/password");
const { MemoryLimiter } = await import("../lib/rate-limit/memory-limiter");

type Result = { name: string; median: number; p95: number; target: number; unit: string; kind?: "ratio" };
const results: Result[] = [];

async function measure(name: string, runs: number, targetMs: number, work: () => Promise<unknown> | unknown) {
  for (let i = 0; i < Math.min(5, runs); i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  results.push({
    name,
    median: times[Math.floor(runs / 2)]!,
    p95: times[Math.floor(runs * 0.95)]!,
    target: targetMs,
    unit: "ms",
  });
}

const stored = await hashPassword("lantern orbit velvet cactus");
await measure("argon2id hash (m=19 MiB, t=2)", 20, 60, () => hashPassword("lantern orbit velvet cactus"));
await measure("argon2id verify", 20, 60, () => verifyPassword(stored, "lantern orbit velvet cactus"));
const limiter = new MemoryLimiter();
let key = 0;
await measure("in-memory rate limit, 1000 decisions", 50, 5, () => {
  for (let i = 0; i < 1000; i++)
    limiter.limit(`k${key++ % 5000}`, { kind: "sliding-window", limit: 10, windowMs: 60_000 });
});

// The catalog's queries, cold, in a process of their own per database (lib/db holds one client).
type QueryTimes = Record<"category" | "search" | "product", { median: number; p95: number }>;
function queryTimes(database: string): QueryTimes {
  const { category, product } = pickTargets(database.replace(/^(libsql\+)?file:/, ""));
  const output = execFileSync(
    "npx",
    ["tsx", "--conditions=react-server", "scripts/bench/catalog-queries.ts", category, product],
    {
      encoding: "utf8",
      env: { ...process.env, DATABASE_URL: database },
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  return JSON.parse(output.trim().split("\n").at(-1)!) as QueryTimes;
}
const hundredFile = path.join(dir, "bench-100x.db");
prepareBenchDatabase(hundredFile, 100);
const one = queryTimes(process.env.DATABASE_URL);
const hundred = queryTimes(`file:${hundredFile}`);
const targets = { category: 15, search: 15, product: 5 } as const;
for (const [name, label] of [
  ["category", "catalog: category page (filters + sort), cold"],
  ["search", "catalog: search, two terms, cold"],
  ["product", "catalog: product page, cold"],
] as const) {
  results.push({ name: label, ...one[name], target: targets[name], unit: "ms" });
}
for (const name of ["category", "search"] as const) {
  results.push({
    name: `catalog: ${name} cold, 100× catalog ÷ 1× (median)`,
    median: hundred[name].median / one[name].median,
    p95: hundred[name].p95 / one[name].p95,
    target: 1.2,
    unit: "×",
    kind: "ratio",
  });
}
rmSync(dir, { recursive: true, force: true });

let failed = 0;
for (const r of results) {
  // The cold ratios are a diagnosis, not a target: with the cache bypassed, the facets' GROUP BY
  // and the search's ranking read every matching row, so they grow with the catalog. The target
  // (≤ 1.2) is on what a shopper gets, the pages over HTTP (scripts/bench/http.ts).
  const ok = r.kind === "ratio" ? true : r.p95 <= r.target;
  if (!ok) failed += 1;
  const measured = `median ${r.median.toFixed(2)} ${r.unit}, p95 ${r.p95.toFixed(2)} ${r.unit}`;
  const target = r.kind === "ratio" ? "report; the pages carry the target" : `target p95 ≤ ${r.target} ${r.unit}`;
  console.log(`${r.kind === "ratio" ? "·" : ok ? "✔" : "✖"} ${r.name.padEnd(50)} ${measured} (${target})`);
}
console.log(`${results.filter((r) => r.kind !== "ratio").length - failed} passed, ${failed} failed`);

if (!process.argv.includes("--no-http")) {
  const { runHttpBench } = await import("./bench/http");
  const ratios = await runHttpBench({ build: !process.argv.includes("--no-build") });
  const missed = ratios.filter((ratio) => ratio.ok === false);
  for (const ratio of missed) console.log(`✖ ${ratio.name}: ${ratio.value.toFixed(2)} (target ${ratio.target})`);
  failed += missed.length;
}
process.exit(failed ? 1 : 0);
