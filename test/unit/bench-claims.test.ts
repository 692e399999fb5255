import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Ratio } from "@/scripts/bench/http";
import { CONNECTIONS, LIGHTHOUSE_RUNS, ROUNDS, SECONDS } from "@/scripts/bench/settings";

// README's Performance section describes the bench the script runs and shows the committed table
// of its latest run, with the count of targets it missed.

const root = path.resolve(import.meta.dirname, "../..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const start = readme.indexOf("\n## Performance\n");
const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
const text = section.replace(/\s+/g, " ");
const results = path.join(root, "bench/results");
const latest = readdirSync(results)
  .filter((name) => /^http-.+\.md$/.test(name))
  .sort()
  .at(-1)!;

describe("README's performance section", () => {
  it("exists", () => {
    expect(start).toBeGreaterThan(0);
  });

  it("shows the table of the latest committed bench run, as the run wrote it, and names its file", () => {
    expect(section).toContain(readFileSync(path.join(results, latest), "utf8").trim());
    expect(text).toContain(`bench/results/${latest}`);
  });

  it("counts the targets that run missed", () => {
    const { ratios } = JSON.parse(readFileSync(path.join(results, latest.replace(/\.md$/, ".json")), "utf8")) as {
      ratios: Ratio[];
    };
    const targets = ratios.filter((ratio) => ratio.ok !== null);
    const missed = targets.filter((ratio) => ratio.ok === false);
    expect(text).toContain(`missed ${missed.length} of its ${targets.length} targets`);
  });

  it("describes the run the script makes", () => {
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
      devDependencies: Record<string, string>;
    };
    expect(text).toContain(`${CONNECTIONS} connections, ${SECONDS} s a run, medians of ${ROUNDS} interleaved rounds`);
    expect(text).toContain(`**Checkout**: ${CONNECTIONS} new guest shoppers at once`);
    expect(text).toContain(`Lighthouse ${pkg.devDependencies.lighthouse}** (mobile, Debian's Chromium, median of ${LIGHTHOUSE_RUNS})`);
  });
});
