// `npm run verify`: runs the tests tagged with ASVS requirement ids (Vitest and Playwright, each
// writing its JSON report), audits the production dependencies, and writes security/report.md and
// security/report.json. `--reuse` reads the reports `npm test` has just written instead of running
// the tests again. Fails when a requirement marked covered has no passing test, when a tagged test
// failed, or when the audit finds a high or critical advisory.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { REQUIREMENTS } from "../security/requirements";
import { runDependencyAudit } from "./verify/dependency-audit";
import { evaluateRequirements, findUnknownTags, listFailures } from "./verify/evaluate";
import { readMutationScores } from "./verify/mutation-scores";
import { PLAYWRIGHT_REPORT, readTestResults, VITEST_REPORT } from "./verify/read-reports";
import { writeReport, type FuzzCounts } from "./verify/write-report";

const root = path.resolve(import.meta.dirname, "..");
const FUZZ_REPORT = path.join(root, "reports/fuzz-counts.json");

/** The end-to-end files the map names: only those start a browser and the servers. */
function listMappedSpecs(): string[] {
  const files = Object.values(REQUIREMENTS).flatMap((requirement) =>
    requirement.status === "covered" ? requirement.tests : [],
  );
  return [...new Set(files.filter((file) => file.startsWith("e2e/")))].sort();
}

function runTaggedTests(): void {
  for (const file of [VITEST_REPORT, PLAYWRIGHT_REPORT, FUZZ_REPORT]) rmSync(file, { force: true });
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", PLAYWRIGHT_JSON_OUTPUT_FILE: PLAYWRIGHT_REPORT };
  const run = (command: string, args: string[]) => spawnSync(command, args, { stdio: "inherit", env, cwd: root });
  // Exit codes are not decisive here: the reports are (a failed test is a failed requirement).
  run("node_modules/.bin/vitest", [
    "run",
    "-t",
    "\\[ASVS ",
    "--reporter=default",
    "--reporter=json",
    `--outputFile.json=${VITEST_REPORT}`,
  ]);
  // --grep picks the tagged tests; the setup project they depend on still runs in full.
  run("node", ["scripts/run-e2e.mjs", "--reporter=list,json", "--grep", "\\[ASVS ", ...listMappedSpecs()]);
}

function readFuzzCounts(): FuzzCounts {
  return existsSync(FUZZ_REPORT) ? (JSON.parse(readFileSync(FUZZ_REPORT, "utf8")) as FuzzCounts) : {};
}

function readCommit(): string {
  try {
    return execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).trim();
  } catch {
    return "unknown";
  }
}

if (!process.argv.includes("--reuse")) runTaggedTests();
const { results, missing } = readTestResults();
console.log("\n▶ dependency audit (npm audit --omit=dev)");
const audit = runDependencyAudit();
console.log(audit.ran ? `  ${JSON.stringify(audit.vulnerabilities)}` : `  COULD NOT RUN: ${audit.reason}`);
const verdicts = evaluateRequirements(results, audit);
const summary = writeReport({
  commit: readCommit(),
  verdicts,
  fuzz: readFuzzCounts(),
  mutation: readMutationScores(),
  audit,
  missingReports: missing,
});
const failures = [
  ...missing.map((file) => `missing test report ${file}`),
  ...findUnknownTags(results).map((tag) => `unknown requirement tag ${tag}`),
  ...listFailures(verdicts),
];

console.log(
  `\nASVS L2: ${summary.covered} of ${summary.applicable} applicable requirements covered (${summary.coverage} %), ${summary.notApplicable} not applicable, ${summary.gaps} gaps; ${summary.provenThisRun} proven by this run's tests. Report: security/report.md`,
);
if (failures.length) {
  console.error(`✖ verification failed:\n${failures.map((failure) => `  ${failure}`).join("\n")}`);
  process.exit(1);
}
