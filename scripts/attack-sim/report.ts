// The attack simulation's figures, as JSON and as the markdown table the README shows.

export type AttackResult = {
  attack: string;
  rule: string;
  requests: number;
  detected: boolean;
  mttdMs: number | null;
  containMs: number | null;
  contains: boolean;
  reachedBeforeContainment: number;
  reachedAfterContainment: number;
  stopped: number;
  /** How the attack's requests were answered, by status (0: no answer). */
  statuses: Record<string, number>;
};

export type SimReport = {
  baseUrl: string;
  scale: number;
  startedAt: string;
  durationMs: number;
  attacks: AttackResult[];
  totals: {
    maliciousRequests: number;
    stoppedBeforeBusinessLogic: number;
    botMitigationRate: number;
    legitimateRequests: number;
    legitimateRefused: number;
    legitimateRefusedExamples: string[];
    /** Shoppers who paid for an order during the run (on the local emulator). */
    purchases: number;
  };
};

const seconds = (ms: number | null) => (ms === null ? "—" : `${(ms / 1000).toFixed(1)} s`);

export function renderMarkdown(report: SimReport): string {
  const median = (values: number[]) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted.length ? sorted[Math.floor((sorted.length - 1) / 2)]! : null;
  };
  const mttds = report.attacks.flatMap((a) => (a.mttdMs === null ? [] : [a.mttdMs]));
  const rows = report.attacks.map(
    (a) =>
      `| ${a.attack} | ${a.rule} | ${a.requests} | ${a.detected ? "yes" : "**no**"} | ${seconds(a.mttdMs)} | ${a.contains ? seconds(a.containMs) : "detect only"} | ${a.reachedBeforeContainment} | ${a.contains ? a.reachedAfterContainment : "—"} | ${a.requests ? ((100 * a.stopped) / a.requests).toFixed(1) : "0"} % |`,
  );
  const t = report.totals;
  return [
    `Attack simulation against ${report.baseUrl}, ${report.startedAt}, scale ${report.scale}, ${seconds(report.durationMs)}.`,
    "",
    "| attack | rule | requests | detected | MTTD | contained after | reached the app before containment | after | stopped before business logic |",
    "|---|---|---|---|---|---|---|---|---|",
    ...rows,
    "",
    `- Median MTTD: ${seconds(median(mttds))}; slowest: ${seconds(mttds.length ? Math.max(...mttds) : null)}.`,
    `- Bot mitigation: ${t.stoppedBeforeBusinessLogic} of ${t.maliciousRequests} malicious requests stopped before business logic (${(100 * t.botMitigationRate).toFixed(1)} %).`,
    `- Legitimate requests refused: ${t.legitimateRefused} of ${t.legitimateRequests}${t.legitimateRefusedExamples.length ? ` (${t.legitimateRefusedExamples.join(", ")})` : ""}; orders paid by shoppers during the run: ${t.purchases}.`,
    "",
  ].join("\n");
}
