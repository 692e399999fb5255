import "server-only";
import { z } from "zod";
import { recordSecurityEvent } from "./security-events";

export const MAX_CSP_REPORT_BYTES = 16 * 1024;

// report-uri sends {"csp-report": {...}}; the Reporting API sends [{type, body: {...}}].
const legacyReport = z.object({
  "csp-report": z.object({
    "document-uri": z.string().max(2000).optional(),
    "violated-directive": z.string().max(500).optional(),
    "effective-directive": z.string().max(500).optional(),
    "blocked-uri": z.string().max(2000).optional(),
    "source-file": z.string().max(2000).optional(),
    "line-number": z.number().optional(),
  }),
});
const reportingApiReport = z
  .array(
    z.object({
      type: z.string().max(100),
      url: z.string().max(2000).optional(),
      body: z.object({
        documentURL: z.string().max(2000).optional(),
        effectiveDirective: z.string().max(500).optional(),
        blockedURL: z.string().max(2000).optional(),
        sourceFile: z.string().max(2000).optional(),
        lineNumber: z.number().optional(),
      }),
    }),
  )
  .max(20);

export type Violation = { document?: string; directive?: string; blocked?: string; source?: string; line?: number };

export function toViolations(body: unknown): Violation[] | null {
  const legacy = legacyReport.safeParse(body);
  if (legacy.success) {
    const r = legacy.data["csp-report"];
    return [
      {
        document: r["document-uri"],
        directive: r["effective-directive"] ?? r["violated-directive"],
        blocked: r["blocked-uri"],
        source: r["source-file"],
        line: r["line-number"],
      },
    ];
  }
  const modern = reportingApiReport.safeParse(body);
  if (modern.success) {
    return modern.data
      .filter((report) => report.type === "csp-violation")
      .map((r) => ({
        document: r.body.documentURL ?? r.url,
        directive: r.body.effectiveDirective,
        blocked: r.body.blockedURL,
        source: r.body.sourceFile,
        line: r.body.lineNumber,
      }));
  }
  return null;
}

/** At most five violations of one report reach the security log. */
export async function recordCspViolations(
  violations: Violation[],
  tenantId: string | null,
  meta: { ip: string; route: string },
): Promise<void> {
  for (const violation of violations.slice(0, 5)) {
    await recordSecurityEvent({
      type: "csp.violation",
      severity: "WARNING",
      tenantId,
      ip: meta.ip,
      route: meta.route,
      details: violation,
    });
  }
}
