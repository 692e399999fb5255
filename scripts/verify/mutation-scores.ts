import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { EQUIVALENT_MUTANTS } from "../../security/mutation/equivalent-mutants";

// Mutation scores per module from StrykerJS's JSON report (security/mutation/report.json, the
// mutation-testing-report schema): killed and timed-out mutants over all that ran or had no test.

export type MutationScore = {
  file: string;
  score: number;
  killed: number;
  survived: number;
  noCoverage: number;
  timeout: number;
  /** Survivors, each with the reason it was judged equivalent, or "no test kills it". */
  survivors: string[];
};

const root = path.resolve(import.meta.dirname, "../..");
export const MUTATION_REPORT = path.join(root, "security/mutation/report.json");

type MutantReport = {
  files: Record<
    string,
    { mutants: { mutatorName: string; status: string; location: { start: { line: number } }; replacement?: string }[] }
  >;
};

export function readMutationScores(file = MUTATION_REPORT): MutationScore[] {
  if (!existsSync(file)) return [];
  const report = JSON.parse(readFileSync(file, "utf8")) as MutantReport;
  return Object.entries(report.files).map(([name, { mutants }]) => {
    const count = (status: string) => mutants.filter((mutant) => mutant.status === status).length;
    const killed = count("Killed");
    const timeout = count("Timeout");
    const survived = count("Survived");
    const noCoverage = count("NoCoverage");
    const judged = killed + timeout + survived + noCoverage;
    const file = path.isAbsolute(name) ? path.relative(root, name) : name;
    const equivalent = EQUIVALENT_MUTANTS[file] ?? {};
    return {
      file,
      score: judged ? Math.round(((killed + timeout) / judged) * 1000) / 10 : 0,
      killed,
      survived,
      noCoverage,
      timeout,
      survivors: mutants
        .filter((mutant) => mutant.status === "Survived" || mutant.status === "NoCoverage")
        .map((mutant) => {
          const line = mutant.location.start.line;
          const verdict = equivalent[line] ? `equivalent: ${equivalent[line]}` : "no test kills it";
          return `line ${line}: ${mutant.mutatorName}${mutant.replacement ? ` → \`${mutant.replacement}\`` : ""} (${verdict})`;
        }),
    };
  });
}
