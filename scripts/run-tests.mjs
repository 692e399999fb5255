#!/usr/bin/env node
// `npm test`: every check the project has, in order of cost. Stops at the first failure.
import { spawnSync } from "node:child_process";
import { ensurePrerequisites } from "./ensure-prerequisites.mjs";

// Chromium, redis-server and a font: installed through apt-get when missing, or one line saying
// which command to run (scripts/ensure-prerequisites.mjs).
const prerequisites = ensurePrerequisites();
if (prerequisites !== 0) process.exit(prerequisites);

// The test runners also write JSON reports (reports/), which the last step reads to write the
// security report (security/report.md) without running anything twice.
const steps = [
  ["typecheck", "node_modules/.bin/tsc", ["--noEmit"]],
  ["lint", "node_modules/.bin/eslint", ["--max-warnings", "0", "."]],
  [
    "unit and integration (Vitest)",
    "node_modules/.bin/vitest",
    ["run", "--reporter=default", "--reporter=json", "--outputFile.json=reports/vitest.json"],
  ],
  ["end to end (Playwright)", "node", ["scripts/run-e2e.mjs", "--reporter=list,json"]],
  ["ASVS verification report", "node_modules/.bin/tsx", ["scripts/verify.ts", "--reuse"]],
];

for (const [name, command, args] of steps) {
  const started = Date.now();
  console.log(`\n▶ ${name}`);
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_JSON_OUTPUT_FILE: "reports/playwright.json" };
  const result = spawnSync(command, args, { stdio: "inherit", env });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (result.status !== 0) {
    console.error(`✖ ${name} failed after ${seconds}s`);
    process.exit(result.status ?? 1);
  }
  console.log(`✔ ${name} (${seconds}s)`);
}
