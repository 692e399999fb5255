import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { root } from "./app-modules";

// The fuzz suite's budget and its tally. `npm test` runs a fixed seed and a small count per
// property; `npm run fuzz` raises FUZZ_RUNS and prints the counts. The counts go to
// reports/fuzz-counts.json, which `npm run verify` puts in the security report.

export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 1313);
export const FUZZ_RUNS = Number(process.env.FUZZ_RUNS ?? 12);
export const fuzzParameters = { seed: FUZZ_SEED, numRuns: FUZZ_RUNS, endOnFailure: true } as const;

type Tally = { calls: number; refused: number; accepted: number };
const tally = new Map<string, Tally>();

/** Counts one call of a handler and whether it was refused. */
export function countFuzzCall(handler: string, refused: boolean): void {
  const entry = tally.get(handler) ?? { calls: 0, refused: 0, accepted: 0 };
  entry.calls += 1;
  if (refused) entry.refused += 1;
  else entry.accepted += 1;
  tally.set(handler, entry);
}

const REPORT = path.join(root, "reports/fuzz-counts.json");

/** Adds this file's tally to reports/fuzz-counts.json (each fuzz file writes its own section). */
export function writeFuzzCounts(section: string): { calls: number; handlers: number } {
  mkdirSync(path.dirname(REPORT), { recursive: true });
  let existing: Record<string, unknown> = {};
  try {
    existing = JSON.parse(readFileSync(REPORT, "utf8")) as Record<string, unknown>;
  } catch {
    existing = {};
  }
  const handlers = Object.fromEntries([...tally].sort(([a], [b]) => a.localeCompare(b)));
  const calls = [...tally.values()].reduce((sum, entry) => sum + entry.calls, 0);
  const report = {
    ...existing,
    [section]: { seed: FUZZ_SEED, runsPerProperty: FUZZ_RUNS, calls, handlers, at: new Date().toISOString() },
  };
  writeFileSync(REPORT, JSON.stringify(report, null, 2) + "\n");
  return { calls, handlers: tally.size };
}
