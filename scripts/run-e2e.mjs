#!/usr/bin/env node
// Builds the production bundle into .next-e2e (leaving a running `next dev` alone), then runs
// Playwright against it. Extra arguments go to Playwright: npm run test:e2e -- e2e/catalog.spec.ts
import { spawnSync } from "node:child_process";
import { ensurePrerequisites } from "./ensure-prerequisites.mjs";

const prerequisites = ensurePrerequisites();
if (prerequisites !== 0) process.exit(prerequisites);

const env = { ...process.env, NEXT_DIST_DIR: ".next-e2e", NEXT_TELEMETRY_DISABLED: "1" };
const run = (command, args) => {
  const result = spawnSync(command, args, { stdio: "inherit", env });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

// Through quiet-next.mjs, like `npm run build`: no warning about decisions taken on purpose.
if (!process.argv.includes("--no-build")) {
  run("node", ["--import", "./scripts/quiet-next.mjs", "node_modules/next/dist/bin/next", "build"]);
}
const args = process.argv.slice(2).filter((a) => a !== "--no-build");
// A run of chosen spec files does not wait for (and run) the whole suite before the suites that
// otherwise run after it (playwright.config.ts).
if (args.some((a) => a.endsWith(".ts"))) env.E2E_SUBSET = "1";
run("node_modules/.bin/playwright", ["test", ...args]);
