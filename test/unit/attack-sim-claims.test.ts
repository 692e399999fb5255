import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildAttacks } from "@/scripts/attack-sim/attacks";
import type { SimReport } from "@/scripts/attack-sim/report";

// The README's attack-simulation section describes the simulation the script runs and shows the
// committed report of its latest full run, figures included.

const root = path.resolve(import.meta.dirname, "../..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const words = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
];

describe("README's attack simulation", () => {
  it("names as many attacks as the script runs", () => {
    const attacks = buildAttacks();
    expect(readme.replace(/\s+/g, " ")).toContain(`runs ${words[attacks.length]} attacks`);
  });

  it("shows the committed report of the latest full run, and its figures", () => {
    const table = readFileSync(path.join(root, "security/attack-sim/latest.md"), "utf8").trim();
    expect(readme).toContain(table);
    const report = JSON.parse(readFileSync(path.join(root, "security/attack-sim/latest.json"), "utf8")) as SimReport;
    expect(report.scale).toBe(1);
    const text = readme.replace(/\s+/g, " ");
    const percent = (report.totals.botMitigationRate * 100).toFixed(1);
    expect(text).toContain(`pull the overall figure down to ${percent} %`);
    expect(report.totals.legitimateRefused).toBe(0);
    expect(report.attacks.every((attack) => attack.detected)).toBe(true);
    // Every attack the script runs is in the report (the real sqlmap besides).
    const names = new Set(report.attacks.map((attack) => attack.attack));
    for (const attack of buildAttacks()) expect(names.has(attack.name), attack.name).toBe(true);
  });
});
