import { describe, expect, it } from "vitest";
import { ASVS_IDS, readAsvsTags, tagAsvs } from "@/security/asvs-ids";
import { CHAPTERS, REQUIREMENTS } from "@/security/requirements";
import type { AuditResult } from "@/scripts/verify/dependency-audit";
import { evaluateRequirements, findUnknownTags, listFailures } from "@/scripts/verify/evaluate";
import type { TestResult } from "@/scripts/verify/read-reports";

// `npm run verify` decides whether the suite proves the map; here its decisions are checked on
// made-up test results, so a verifier that passes everything cannot go unnoticed.

const clean: AuditResult = {
  ran: true,
  vulnerabilities: { info: 0, low: 0, moderate: 0, high: 0, critical: 0 },
  advisories: [],
};
const offline: AuditResult = { ran: false, reason: "npm audit could not run: the registry did not answer it" };

/** One passing test per (file, id) the map asks for: the run that proves everything. */
function provingRun(): TestResult[] {
  return Object.entries(REQUIREMENTS).flatMap(([id, requirement]) =>
    requirement.status === "covered"
      ? requirement.tests.map((file) => ({
          file,
          title: `${tagAsvs(id as never)} proves it`,
          status: "passed" as const,
          tags: [id],
        }))
      : [],
  );
}

describe("the requirements map", () => {
  it("lists every id once, in the chapter its id names, with a reason for every gap and n/a", () => {
    const listed = CHAPTERS.flatMap(({ chapter, requirements }) =>
      Object.keys(requirements).map((id) => [chapter, id] as const),
    );
    expect(listed.map(([, id]) => id).sort()).toEqual([...ASVS_IDS].sort());
    for (const [chapter, id] of listed) expect(id.startsWith(`${chapter}.`), id).toBe(true);
    for (const requirement of Object.values(REQUIREMENTS)) {
      if (requirement.status === "covered")
        expect(requirement.tests.length + (requirement.checks?.length ?? 0)).toBeGreaterThanOrEqual(1);
      else expect(requirement.reason.length).toBeGreaterThanOrEqual(20);
    }
  });

  it("reads tags back from titles, one per id", () => {
    expect(readAsvsTags(`${tagAsvs("V3.4.1", "V14.4.5")} cookies`)).toEqual(["V3.4.1", "V14.4.5"]);
  });
});

describe("the verdict", () => {
  it("proves every covered requirement on a run where each mapped file has a passing tagged test", () => {
    const verdicts = evaluateRequirements(provingRun(), clean);
    expect(listFailures(verdicts)).toEqual([]);
    expect(verdicts.filter((verdict) => verdict.status === "covered").every((verdict) => verdict.proven)).toBe(true);
  });

  it("fails a covered requirement whose test failed, or did not run, or whose file lost its tag", () => {
    const run = provingRun();
    const failed = run.map((result) =>
      result.tags.includes("V3.4.1") ? { ...result, status: "failed" as const } : result,
    );
    expect(listFailures(evaluateRequirements(failed, clean))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^V3\.4\.1: failed: /), "V3.4.1: no passing test"]),
    );
    const skipped = run.map((result) =>
      result.tags.includes("V2.1.1") ? { ...result, status: "skipped" as const } : result,
    );
    expect(listFailures(evaluateRequirements(skipped, clean))).toContain("V2.1.1: no passing test");
    const untagged = run.filter(
      (result) => !(result.tags.includes("V4.2.1") && result.file === "e2e/isolation.spec.ts"),
    );
    expect(listFailures(evaluateRequirements(untagged, clean))).toEqual([
      "V4.2.1: e2e/isolation.spec.ts has no test tagged V4.2.1 that ran",
    ]);
  });

  it("says the audit could not run, without failing and without calling V14.2.1 proven", () => {
    const verdicts = evaluateRequirements(provingRun(), offline);
    expect(listFailures(verdicts)).toEqual([]);
    const audit = verdicts.find((verdict) => verdict.id === "V14.2.1")!;
    expect(audit.proven).toBe(false);
    expect(audit.problems).toEqual([`could not run: ${offline.reason}`]);
  });

  it("fails on a high or critical advisory, and on a tag that names no requirement", () => {
    const vulnerable: AuditResult = { ...clean, vulnerabilities: { ...clean.vulnerabilities, high: 1 } } as AuditResult;
    expect(listFailures(evaluateRequirements(provingRun(), vulnerable))).toEqual([
      "V14.2.1: npm audit found 1 high and 0 critical",
    ]);
    expect(
      findUnknownTags([{ file: "test/x.test.ts", title: "[ASVS V99.1.1] x", status: "passed", tags: ["V99.1.1"] }]),
    ).toEqual(["V99.1.1 in test/x.test.ts"]);
  });
});
