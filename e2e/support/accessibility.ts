import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";

// The rules every page is held to: WCAG 2.0, 2.1 and 2.2 at levels A and AA (what accessibility
// law and procurement ask for), plus axe's best practices (one main landmark, one h1, unique
// landmarks, headings in order, ...), which catch the structural slips screen-reader users hit
// first. AAA rules are left out: they are not a conformance target of this project.
export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"];

type AxeResults = Awaited<ReturnType<AxeBuilder["analyze"]>>;

/** One line per failing element: rule, impact, what is wrong, where, and axe's own summary. */
export function describeViolations(violations: AxeResults["violations"]): string[] {
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? "n/a"}): ${violation.help} — ${node.target.join(" ")}\n    ${(
          node.failureSummary ?? ""
        ).replace(/\n\s*/g, " ")}`,
    ),
  );
}

/** Runs axe on the page as it is now and fails with a readable list of every violation. */
export async function expectNoAxeViolations(page: Page, label = page.url()): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(AXE_TAGS).analyze();
  // Soft: a journey over many pages reports every page that fails, not only the first.
  expect.soft(describeViolations(results.violations), `accessibility violations on ${label}`).toEqual([]);
}
