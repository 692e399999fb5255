import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { readAsvsTags } from "../../security/asvs-ids";

// The results of the tests that ran, read from the runners' own JSON reports (Vitest's json
// reporter, Playwright's json reporter): which test, in which file, passed or not, tagged how.

export type TestStatus = "passed" | "failed" | "skipped";
export type TestResult = { file: string; title: string; status: TestStatus; tags: string[] };

const root = path.resolve(import.meta.dirname, "../..");
export const VITEST_REPORT = path.join(root, "reports/vitest.json");
export const PLAYWRIGHT_REPORT = path.join(root, "reports/playwright.json");

type VitestReport = {
  testResults: { name: string; assertionResults: { fullName: string; status: string }[] }[];
};

function toStatus(status: string): TestStatus {
  if (status === "passed" || status === "expected") return "passed";
  if (status === "failed" || status === "unexpected" || status === "flaky" || status === "timedOut") return "failed";
  return "skipped";
}

export function readVitestReport(file = VITEST_REPORT): TestResult[] {
  const report = JSON.parse(readFileSync(file, "utf8")) as VitestReport;
  return report.testResults.flatMap((suite) =>
    suite.assertionResults.map((test) => ({
      file: path.relative(root, suite.name),
      title: test.fullName,
      status: toStatus(test.status),
      tags: readAsvsTags(test.fullName),
    })),
  );
}

type PlaywrightSuite = {
  title: string;
  file: string;
  specs?: { title: string; tests: { status: string; results: { status: string }[] }[] }[];
  suites?: PlaywrightSuite[];
};

function walkSuite(suite: PlaywrightSuite, titles: string[], into: TestResult[]): void {
  for (const spec of suite.specs ?? []) {
    const title = [...titles, spec.title].join(" ");
    // A spec runs once per project; it passed only if every run did.
    const statuses = spec.tests.map((test) => toStatus(test.status));
    const status = statuses.includes("failed") ? "failed" : statuses.includes("passed") ? "passed" : "skipped";
    into.push({ file: path.join("e2e", suite.file), title, status, tags: readAsvsTags(title) });
  }
  for (const child of suite.suites ?? []) walkSuite(child, [...titles, child.title], into);
}

export function readPlaywrightReport(file = PLAYWRIGHT_REPORT): TestResult[] {
  const report = JSON.parse(readFileSync(file, "utf8")) as { suites: PlaywrightSuite[] };
  const results: TestResult[] = [];
  for (const suite of report.suites) walkSuite(suite, [], results);
  return results;
}

/** Both reports; a missing one is named, never taken as "no tests". */
export function readTestResults(): { results: TestResult[]; missing: string[] } {
  const missing = [VITEST_REPORT, PLAYWRIGHT_REPORT]
    .filter((file) => !existsSync(file))
    .map((file) => path.relative(root, file));
  const results = [
    ...(existsSync(VITEST_REPORT) ? readVitestReport() : []),
    ...(existsSync(PLAYWRIGHT_REPORT) ? readPlaywrightReport() : []),
  ];
  return { results, missing };
}
