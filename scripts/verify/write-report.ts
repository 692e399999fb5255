import { writeFileSync } from "node:fs";
import path from "node:path";
import { CHAPTERS } from "../../security/requirements";
import type { AuditResult } from "./dependency-audit";
import type { Verdict } from "./evaluate";
import type { MutationScore } from "./mutation-scores";

// security/report.json and security/report.md: per chapter, what is covered, not applicable or a
// gap; for each covered requirement the tests that proved it in this run; the fuzz counts, the
// mutation scores and the dependency audit.

const root = path.resolve(import.meta.dirname, "../..");

export type FuzzCounts = Record<
  string,
  {
    seed: number;
    runsPerProperty: number;
    calls: number;
    handlers: Record<string, { calls: number; refused: number; accepted: number }>;
  }
>;

export type ReportInput = {
  commit: string;
  verdicts: Verdict[];
  fuzz: FuzzCounts;
  mutation: MutationScore[];
  audit: AuditResult;
  missingReports: string[];
};

export function summarise(verdicts: Verdict[]) {
  const count = (status: Verdict["status"]) => verdicts.filter((verdict) => verdict.status === status).length;
  const covered = count("covered");
  const gaps = count("gap");
  const applicable = covered + gaps;
  return {
    requirements: verdicts.length,
    covered,
    notApplicable: count("not-applicable"),
    gaps,
    applicable,
    coverage: applicable ? Math.round((covered / applicable) * 1000) / 10 : 0,
    provenThisRun: verdicts.filter((verdict) => verdict.proven).length,
  };
}

const link = (file: string) => `[${file}](../${file})`;

/** One line a test: tags dropped from the title, long titles cut, the two drivers' runs merged. */
function listTests(tests: Verdict["tests"]): string[] {
  const byFile = new Map<string, Set<string>>();
  for (const test of tests) {
    const title = test.title
      .replace(/\[ASVS [^\]]+\]\s*/g, "")
      .replace(/\s+/g, " ")
      .trim();
    const shown = title.length > 140 ? `${title.slice(0, 139)}…` : title;
    const status = test.status === "passed" ? "passed" : test.status.toUpperCase();
    byFile.set(test.file, (byFile.get(test.file) ?? new Set()).add(`${status}: ${link(test.file)} › ${shown}`));
  }
  // Generated tests (one per handler, per route class) are summed up after the first three; a
  // failure is always listed.
  return [...byFile].flatMap(([file, set]) => {
    const lines = [...set].sort((a, b) => Number(b.startsWith("FAILED")) - Number(a.startsWith("FAILED")));
    return lines.length > 4
      ? [...lines.slice(0, 3), `… and ${lines.length - 3} more passing tests in ${link(file)}`]
      : lines;
  });
}

function renderChapter(chapter: string, title: string, verdicts: Verdict[]): string[] {
  const own = verdicts.filter((verdict) => verdict.chapter === chapter);
  const s = summarise(own);
  const lines = [
    `## ${chapter} ${title}`,
    "",
    `${s.covered} covered · ${s.notApplicable} not applicable · ${s.gaps} gaps`,
    "",
  ];
  for (const verdict of own) {
    if (verdict.status === "covered") {
      const mark = verdict.proven
        ? "✔ proven"
        : verdict.problems.every((p) => p.startsWith("could not run"))
          ? "⚠ not verified this run"
          : "✖ NOT PROVEN";
      lines.push(`- **${verdict.id}** ${verdict.text} — ${mark}`);
      for (const line of listTests(verdict.tests)) lines.push(`  - ${line}`);
      for (const problem of verdict.problems) lines.push(`  - ${problem}`);
    } else {
      const label = verdict.status === "gap" ? "gap" : "not applicable";
      lines.push(`- **${verdict.id}** ${verdict.text} — ${label}: ${verdict.reason}`);
    }
  }
  return [...lines, ""];
}

function renderMeasurements(input: ReportInput): string[] {
  const lines = ["## Fuzzing", ""];
  for (const [section, counts] of Object.entries(input.fuzz)) {
    const refused = Object.values(counts.handlers).reduce((sum, h) => sum + h.refused, 0);
    lines.push(
      `${section}: ${counts.calls} calls over ${Object.keys(counts.handlers).length} handlers (seed ${counts.seed}, ${counts.runsPerProperty} runs a property): ${counts.calls - refused} accepted, ${refused} refused, none a 5xx or an escaped error, no refusal wrote a row.`,
      "",
    );
  }
  if (!Object.keys(input.fuzz).length)
    lines.push("No fuzz counts in this run (reports/fuzz-counts.json is missing).", "");
  lines.push("## Mutation testing", "");
  if (!input.mutation.length)
    lines.push("No mutation report (security/mutation/report.json): run `npm run mutate`.", "");
  else {
    lines.push(
      "| Module | Score | Killed | Timed out | Survived | No coverage |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    for (const m of input.mutation)
      lines.push(`| ${m.file} | ${m.score} % | ${m.killed} | ${m.timeout} | ${m.survived} | ${m.noCoverage} |`);
    lines.push("", "Modules not listed have not been mutation-tested yet (`npm run mutate -- --mutate <file>`).", "");
    for (const m of input.mutation.filter((entry) => entry.survivors.length)) {
      lines.push(`Surviving mutants in ${m.file}:`, ...m.survivors.map((survivor) => `- ${survivor}`), "");
    }
  }
  lines.push("## Dependency audit (`npm audit --omit=dev`)", "");
  if (!input.audit.ran)
    lines.push(`**Could not run.** ${input.audit.reason}. V14.2.1 is not verified by this run.`, "");
  else {
    const v = input.audit.vulnerabilities;
    lines.push(
      `Ran: ${v.critical} critical, ${v.high} high, ${v.moderate} moderate, ${v.low} low.`,
      ...input.audit.advisories.map((a) => `- ${a}`),
      "",
    );
  }
  return lines;
}

export function writeReport(input: ReportInput): ReturnType<typeof summarise> {
  const summary = summarise(input.verdicts);
  const json = {
    commit: input.commit,
    summary,
    missingReports: input.missingReports,
    chapters: CHAPTERS.map(({ chapter, title }) => ({
      chapter,
      title,
      ...summarise(input.verdicts.filter((v) => v.chapter === chapter)),
    })),
    requirements: input.verdicts,
    fuzz: input.fuzz,
    mutation: input.mutation,
    audit: input.audit,
  };
  writeFileSync(path.join(root, "security/report.json"), JSON.stringify(json, null, 2) + "\n");
  const lines = [
    "# Security verification report",
    "",
    `OWASP ASVS 4.0.3 Level 2, as mapped in [requirements.ts](requirements.ts); written by \`npm run verify\` from the test runners' JSON reports at commit ${input.commit}.`,
    "",
    `**Coverage: ${summary.covered} of ${summary.applicable} applicable requirements covered (${summary.coverage} %)**; ${summary.notApplicable} not applicable; ${summary.gaps} gaps, each with its reason below. Proven by passing tests in this run: ${summary.provenThisRun} of ${summary.covered}.`,
    "",
    ...(input.missingReports.length
      ? [
          `Missing test reports: ${input.missingReports.join(", ")} — requirements they prove are not proven by this run.`,
          "",
        ]
      : []),
    "| Chapter | Covered | Not applicable | Gaps | Proven this run |",
    "| --- | --- | --- | --- | --- |",
    ...json.chapters.map(
      (c) => `| ${c.chapter} ${c.title} | ${c.covered} | ${c.notApplicable} | ${c.gaps} | ${c.provenThisRun} |`,
    ),
    "",
    ...CHAPTERS.flatMap(({ chapter, title }) => renderChapter(chapter, title, input.verdicts)),
    ...renderMeasurements(input),
  ];
  writeFileSync(path.join(root, "security/report.md"), lines.join("\n"));
  return summary;
}
