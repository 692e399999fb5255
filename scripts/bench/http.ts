// The HTTP half of `npm run bench` (issue 14): the production build on a seeded database at 1×
// and at a 100× catalog, driven by autocannon from this process while the servers run in their
// own, and one table of ratios measured in the same run: medians of interleaved rounds.
import { verify } from "@node-rs/argon2";
import Database from "better-sqlite3";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { format, resolveConfig } from "prettier";
import { pickTargets, prepareBenchDatabase, stockCheckoutVariant } from "./catalog-copy";
import { measureLighthouse } from "./lighthouse";
import { CONNECTIONS, LIGHTHOUSE_RUNS, ROUNDS, SECONDS } from "./settings";
import { drive, driveCheckouts, signInOnce, signInThroughput, type LoadResult } from "./load";
import {
  BARE_DIST_DIR,
  buildForBench,
  prepareBareBuild,
  residentMiB,
  startServer,
  startStripeEmulatorProcess,
  type BenchServer,
} from "./servers";

export type Ratio = { name: string; value: number; target: string; ok: boolean | null; detail: string };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) =>
  [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))]!;

export async function runHttpBench(options: { build: boolean }): Promise<Ratio[]> {
  if (options.build) buildForBench();
  prepareBareBuild();
  const dir = mkdtempSync(path.join(tmpdir(), "bulwark-bench-http-"));
  const files = { one: path.join(dir, "catalog-1x.db"), hundred: path.join(dir, "catalog-100x.db") };
  prepareBenchDatabase(files.one, 1);
  prepareBenchDatabase(files.hundred, 100);
  const { category, product } = pickTargets(files.one);
  const checkoutVariant = stockCheckoutVariant(files.one);
  const pages: Record<string, string> = {
    trivial: "/bench/trivial",
    "trivial in store layout": "/bench/in-layout",
    home: "/",
    category: `/categories/${category}`,
    product: `/products/${product}`,
    search: "/search?q=merino",
    "cart API": "/api/cart",
    "bare route": "/api/bench/bare",
  };
  // Through HTTP these pages are answered from the data cache after their first request; the
  // queries themselves, uncached, are compared at 1× and 100× by the in-process half of the bench.
  const scaled = ["category", "search"];

  const stripe = await startStripeEmulatorProcess(4309, "http://127.0.0.1:4300/api/webhooks/stripe");
  const one = await startServer(4300, files.one, { stripe });
  const hundred = await startServer(4301, files.hundred);
  // The same trivial page on the same build with no middleware at all (see prepareBareBuild).
  const bare = await startServer(4302, files.one, { distDir: BARE_DIST_DIR });
  const withoutMiddleware = "/_tenant/localhost/bench/trivial";
  const servers: BenchServer[] = [one, hundred, bare];
  try {
    const idle = residentMiB(one);
    // Warm-up: compile paths, fill caches, settle the JIT.
    for (const [name, page] of Object.entries(pages)) {
      await drive(one, page, { connections: 10, seconds: 2 });
      if (scaled.includes(name)) await drive(hundred, page, { connections: 10, seconds: 2 });
    }
    await drive(bare, withoutMiddleware, { connections: 10, seconds: 2 });
    await driveCheckouts(one, checkoutVariant, { workers: 10, seconds: 2 });
    const checkouts: Awaited<ReturnType<typeof driveCheckouts>>[] = [];
    const runs: Record<string, LoadResult[]> = {};
    const record = (key: string, result: LoadResult) => (runs[key] ??= []).push(result);
    for (let round = 0; round < ROUNDS; round++) {
      for (const [name, page] of Object.entries(pages)) {
        record(name, await drive(one, page, { connections: CONNECTIONS, seconds: SECONDS }));
        if (scaled.includes(name)) {
          record(`${name} @100×`, await drive(hundred, page, { connections: CONNECTIONS, seconds: SECONDS }));
        }
      }
      record(
        "trivial, middleware off",
        await drive(bare, withoutMiddleware, { connections: CONNECTIONS, seconds: SECONDS }),
      );
      checkouts.push(await driveCheckouts(one, checkoutVariant, { workers: CONNECTIONS, seconds: SECONDS }));
      console.log(`round ${round + 1} of ${ROUNDS} done`);
    }
    const loaded = residentMiB(one);

    const hash = readDemoHash(files.one);
    const direct: number[] = [];
    for (let i = 0; i < 40; i++) {
      const start = performance.now();
      await verify(hash, "correct-horse-battery-staple");
      if (i >= 5) direct.push(performance.now() - start);
    }
    const signIns: number[] = [];
    const csrfTimes: number[] = [];
    let failedSignIns = 0;
    for (let i = 0; i < 40; i++) {
      const attempt = await signInOnce(one);
      if (!attempt.ok) failedSignIns += 1;
      if (i >= 5) signIns.push(attempt.ms);
      if (i >= 5) csrfTimes.push(attempt.csrfMs);
    }
    const perSecond = await signInThroughput(one, 4, 8);
    // Last, on a server the load has warmed: what a phone on a slow network gets from each page.
    const origin = `http://localhost:${one.port}`;
    const lighthouseScores = await measureLighthouse(
      {
        trivial: `${origin}${pages.trivial}`,
        home: `${origin}${pages.home}`,
        category: `${origin}${pages.category}`,
        product: `${origin}${pages.product}`,
      },
      LIGHTHOUSE_RUNS,
    );

    const rps = (key: string) => median(runs[key]!.map((r) => r.rps));
    const errors = Object.entries(runs).flatMap(([key, list]) =>
      list.some((r) => r.non2xx > 0 || r.errors > 0) ? [key] : [],
    );
    const ratios: Ratio[] = [];
    for (const name of ["home", "category", "product", "search", "cart API", "trivial in store layout"]) {
      const value = rps(name) / rps("trivial");
      ratios.push({
        name: `${name} ÷ trivial page (req/s)`,
        value,
        target: name === "trivial in store layout" ? "report" : "≥ 0.8",
        ok: name === "trivial in store layout" ? null : value >= 0.8,
        detail: `${rps(name).toFixed(0)} ÷ ${rps("trivial").toFixed(0)} req/s`,
      });
    }
    const middlewareRatio = rps("trivial") / rps("trivial, middleware off");
    ratios.push({
      name: "trivial page, middleware on ÷ off (req/s)",
      value: middlewareRatio,
      target: "≥ 0.8",
      ok: middlewareRatio >= 0.8,
      detail: `${rps("trivial").toFixed(0)} ÷ ${rps("trivial, middleware off").toFixed(0)} req/s`,
    });
    const checkoutP99 = median(checkouts.map((run) => percentile(run.latencies, 0.99)));
    const bareP99 = median(runs["bare route"]!.map((run) => run.p99));
    const checkoutFailures = checkouts.reduce((sum, run) => sum + run.failed, 0);
    const checkoutCount = checkouts.reduce((sum, run) => sum + run.latencies.length, 0);
    ratios.push({
      name: `checkout start p99 at ${CONNECTIONS} shoppers ÷ bare route p99`,
      value: checkoutP99 / bareP99,
      target: "≤ 3",
      ok: checkoutP99 / bareP99 <= 3 && checkoutFailures === 0,
      detail: `${checkoutP99.toFixed(0)} ms ÷ ${bareP99.toFixed(0)} ms; ${checkoutCount} checkouts started (${(checkoutCount / (ROUNDS * SECONDS)).toFixed(1)}/s), ${checkoutFailures} refused or failed${checkoutFailures ? ` ${JSON.stringify(checkouts.map((run) => run.statuses))}` : ""}`,
    });
    for (const name of scaled) {
      const value = rps(name) / rps(`${name} @100×`);
      ratios.push({
        name: `${name}: time at 100× catalog ÷ at 1×`,
        value,
        target: "≤ 1.2",
        ok: value <= 1.2,
        detail: `${rps(name).toFixed(0)} req/s at 1×, ${rps(`${name} @100×`).toFixed(0)} at 100×`,
      });
    }
    const signInRatio = median(signIns) / median(direct);
    ratios.push({
      name: "sign-in p50 ÷ one argon2id verification",
      value: signInRatio,
      target: "≤ 2",
      ok: signInRatio <= 2 && failedSignIns === 0,
      detail: `${median(signIns).toFixed(1)} ms (of which the CSRF token ${median(csrfTimes).toFixed(1)} ms) ÷ ${median(direct).toFixed(1)} ms; ${perSecond.toFixed(1)} successful sign-ins/s (4 browsers); ${failedSignIns} failed`,
    });
    ratios.push(...lighthouseRatios(lighthouseScores));
    ratios.push({
      name: "RSS after the load ÷ at idle",
      value: loaded / idle,
      target: "report",
      ok: null,
      detail: `${loaded.toFixed(0)} MiB ÷ ${idle.toFixed(0)} MiB`,
    });
    if (errors.length > 0) {
      ratios.push({
        name: "every answer 2xx, no socket errors",
        value: errors.length,
        target: "0 runs with errors",
        ok: false,
        detail: errors.join(", "),
      });
    }
    await writeResults(ratios, runs);
    return ratios;
  } finally {
    for (const server of servers) await server.stop();
    await stripe.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Lighthouse lines: each real page within 3 points of the trivial page, accessibility 100, CLS 0. */
function lighthouseRatios(scores: Awaited<ReturnType<typeof measureLighthouse>>): Ratio[] {
  const trivial = scores.trivial!;
  return ["home", "category", "product"].map((name) => {
    const page = scores[name]!;
    const gap = trivial.performance - page.performance;
    return {
      name: `Lighthouse mobile: ${name} performance, points below the trivial page`,
      value: gap,
      target: "≤ 3, accessibility 100, CLS 0",
      ok: gap <= 3 && page.accessibility === 100 && page.cls === 0,
      detail: `performance ${page.performance} (runs ${page.runs.join(", ")}) vs ${trivial.performance}; accessibility ${page.accessibility}; CLS ${page.cls.toFixed(3)}`,
    };
  });
}

function readDemoHash(file: string): string {
  const db = new Database(file, { readonly: true });
  const row = db.prepare(`SELECT "passwordHash" FROM "User" WHERE "email" = 'shopper@northwind.test'`).get() as {
    passwordHash: string;
  };
  db.close();
  return row.passwordHash;
}

/** The table as the README shows it (formatted as the project's formatter formats the README). */
async function writeResults(ratios: Ratio[], runs: Record<string, LoadResult[]>): Promise<void> {
  mkdirSync("bench/results", { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  const base = `bench/results/http-${stamp}`;
  writeFileSync(`${base}.json`, `${JSON.stringify({ at: new Date().toISOString(), ratios, runs }, null, 2)}\n`);
  const lines = [
    "| measure | ratio | target | met | measured |",
    "| --- | --- | --- | --- | --- |",
    ...ratios.map(
      (r) =>
        `| ${r.name} | ${r.value.toFixed(2)} | ${r.target} | ${r.ok === null ? "—" : r.ok ? "yes" : "**no**"} | ${r.detail} |`,
    ),
  ];
  const table = await format(lines.join("\n"), { ...(await resolveConfig("README.md")), parser: "markdown" });
  writeFileSync(`${base}.md`, table);
  console.log(`\n${table}\nwritten: ${base}.json, ${base}.md`);
}
