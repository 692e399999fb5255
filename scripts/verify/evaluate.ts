import { ASVS_IDS, type AsvsId } from "../../security/asvs-ids";
import { CHAPTERS, REQUIREMENTS, type Requirement } from "../../security/requirements";
import { isAuditClean, type AuditResult } from "./dependency-audit";
import type { TestResult } from "./read-reports";

// Each requirement of the map judged against the tests that ran: a covered requirement is proven
// when at least one test tagged with its id passed, none failed, every test file the map names
// holds such a test, and its checks (the dependency audit) passed.

export type Verdict = {
  id: AsvsId;
  chapter: string;
  text: string;
  status: Requirement["status"];
  reason?: string;
  /** For covered requirements: proven by this run's tests and checks. */
  proven?: boolean;
  /** Why a covered requirement is not proven, or "could not run" for a check that did not run. */
  problems: string[];
  tests: { file: string; title: string; status: TestResult["status"] }[];
};

export function evaluateRequirements(results: TestResult[], audit: AuditResult): Verdict[] {
  return CHAPTERS.flatMap(({ chapter, requirements }) =>
    (Object.keys(requirements) as AsvsId[]).map((id) => {
      const requirement = REQUIREMENTS[id];
      const tagged = results.filter((result) => result.tags.includes(id) && result.status !== "skipped");
      const tests = tagged.map(({ file, title, status }) => ({ file, title, status }));
      const verdict: Verdict = { id, chapter, text: requirement.text, status: requirement.status, problems: [], tests };
      if (requirement.status !== "covered") return { ...verdict, reason: requirement.reason };
      const problems: string[] = [];
      for (const failed of tagged.filter((test) => test.status === "failed"))
        problems.push(`failed: ${failed.file} › ${failed.title}`);
      for (const file of requirement.tests) {
        if (!tagged.some((test) => test.file === file)) problems.push(`${file} has no test tagged ${id} that ran`);
      }
      if (requirement.tests.length && !tagged.some((test) => test.status === "passed"))
        problems.push("no passing test");
      if (requirement.checks?.includes("dependency-audit")) {
        if (!audit.ran) problems.push(`could not run: ${audit.reason}`);
        else if (!isAuditClean(audit))
          problems.push(
            `npm audit found ${audit.vulnerabilities.high} high and ${audit.vulnerabilities.critical} critical`,
          );
      }
      return { ...verdict, proven: problems.length === 0, problems };
    }),
  );
}

/** Tags that name no requirement of the map (a raw title string, not through tagAsvs). */
export function findUnknownTags(results: TestResult[]): string[] {
  const known = new Set<string>(ASVS_IDS);
  return [
    ...new Set(
      results.flatMap((result) =>
        result.tags.filter((tag) => !known.has(tag)).map((tag) => `${tag} in ${result.file}`),
      ),
    ),
  ];
}

/**
 * Whether the run fails: a covered requirement without a passing test, a failing tagged test, or
 * a dependency advisory. An audit the registry would not answer is reported, not failed.
 */
export function listFailures(verdicts: Verdict[]): string[] {
  return verdicts.flatMap((verdict) =>
    verdict.problems
      .filter((problem) => !problem.startsWith("could not run"))
      .map((problem) => `${verdict.id}: ${problem}`),
  );
}
