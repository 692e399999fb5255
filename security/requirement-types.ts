// The shape of one entry of the requirements map (security/requirements.ts).

/** A test file that holds tests tagged with the requirement (tagAsvs in their title). */
export type TestFile = `test/${string}.test.ts` | `e2e/${string}.spec.ts`;

/** Checks that are not tests: the dependency audit runs inside `npm run verify`. */
export type VerifyCheck = "dependency-audit";

export type Requirement = { text: string } & (
  | { status: "covered"; tests: TestFile[]; checks?: VerifyCheck[] }
  | { status: "not-applicable"; reason: string }
  | { status: "gap"; reason: string }
);
