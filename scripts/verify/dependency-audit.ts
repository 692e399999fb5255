import { spawnSync } from "node:child_process";

// `npm audit --omit=dev` of the lock file. The registry answers it; where it cannot (offline,
// refused), the result says so in words and counts as not run — never as a pass.

export type AuditResult =
  | {
      ran: true;
      vulnerabilities: Record<"info" | "low" | "moderate" | "high" | "critical", number>;
      advisories: string[];
    }
  | { ran: false; reason: string };

export function runDependencyAudit(): AuditResult {
  const result = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8", timeout: 120_000 });
  if (result.error) return { ran: false, reason: `npm audit did not run: ${result.error.message}` };
  let report: {
    metadata?: { vulnerabilities?: Record<string, number> };
    vulnerabilities?: Record<string, { severity: string }>;
    error?: { code?: string; summary?: string };
    statusCode?: number;
  };
  try {
    report = JSON.parse(result.stdout) as typeof report;
  } catch {
    return {
      ran: false,
      reason: `npm audit gave no report (exit ${result.status}): ${result.stderr.trim().split("\n")[0] ?? ""}`,
    };
  }
  if (report.error || !report.metadata?.vulnerabilities) {
    // The registry's address stays out of the report: only what went wrong.
    const why = report.statusCode
      ? `it answered HTTP ${report.statusCode} to the audit request`
      : `${report.error?.code ?? ""} ${report.error?.summary ?? ""}`.replace(/https?:\/\/\S+/g, "").trim() ||
        "no report";
    return { ran: false, reason: `npm audit could not run: the registry did not answer it (${why})` };
  }
  const counts = report.metadata.vulnerabilities;
  return {
    ran: true,
    vulnerabilities: {
      info: counts.info ?? 0,
      low: counts.low ?? 0,
      moderate: counts.moderate ?? 0,
      high: counts.high ?? 0,
      critical: counts.critical ?? 0,
    },
    advisories: Object.entries(report.vulnerabilities ?? {}).map(([name, entry]) => `${name} (${entry.severity})`),
  };
}

/** An audit fails the check when a production dependency has a high or critical advisory. */
export function isAuditClean(audit: AuditResult): boolean {
  return audit.ran && audit.vulnerabilities.high === 0 && audit.vulnerabilities.critical === 0;
}
