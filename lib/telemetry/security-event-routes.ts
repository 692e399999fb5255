import "server-only";
import { z } from "zod";
import { verifyInternalCall } from "@/lib/security/internal-auth";
import { readJsonCapped } from "@/lib/security/read-body";
import { readRequestMeta } from "@/lib/security/request-context";
import { findTenantByHost, normalizeHost } from "@/lib/tenancy";
import { SECURITY_EVENTS_PATH } from "./edge-report";
import { recordSecurityEvent } from "./security-events";

// Only what the middleware reports: its own event types and severities, a bounded route, the
// host it served (the tenant is derived from that, never taken from the caller) and small details.
const edgeEventSchema = z
  .object({
    type: z.enum(["ratelimit.blocked", "ratelimit.failure"]),
    severity: z.enum(["WARNING", "CRITICAL"]),
    route: z.string().max(300),
    host: z.string().max(260),
    details: z.record(z.string().max(40), z.union([z.string().max(300), z.number(), z.boolean()])),
  })
  .strict()
  .refine((event) => Object.keys(event.details).length <= 10);

/** Receives the middleware's events (it has no database). 404 to anyone else. */
export async function handleEdgeSecurityEvent(request: Request): Promise<Response> {
  const call = await verifyInternalCall(request, SECURITY_EVENTS_PATH);
  if (!call.ok) return new Response("Not found", { status: 404 });
  let value: unknown = null;
  try {
    value = JSON.parse(call.body);
  } catch {
    // refused below
  }
  const parsed = edgeEventSchema.safeParse(value);
  if (!parsed.success) return Response.json({ error: "Invalid event." }, { status: 400 });
  const host = normalizeHost(parsed.data.host);
  const tenant = host ? await findTenantByHost(host) : null;
  await recordSecurityEvent({
    type: parsed.data.type,
    severity: parsed.data.severity,
    tenantId: tenant?.id ?? null,
    ip: call.clientIp,
    route: parsed.data.route,
    details: parsed.data.details,
  });
  return new Response(null, { status: 204 });
}

const MAX_REPORT_BYTES = 16 * 1024;

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

type Violation = { document?: string; directive?: string; blocked?: string; source?: string; line?: number };

function toViolations(body: unknown): Violation[] | null {
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

/** Browsers' CSP violation reports: size-capped, validated, rate-limited by the middleware. */
export async function handleCspReport(request: Request): Promise<Response> {
  const read = await readJsonCapped(request, MAX_REPORT_BYTES);
  if (!read.ok && read.reason === "too-large") return Response.json({ error: "Report too large." }, { status: 413 });
  if (!read.ok) return Response.json({ error: "A CSP report is a JSON document." }, { status: 400 });
  const violations = toViolations(read.value);
  if (!violations) return Response.json({ error: "Not a CSP violation report." }, { status: 400 });
  const host = normalizeHost(request.headers.get("host"));
  const tenant = host ? await findTenantByHost(host) : null;
  const meta = readRequestMeta(request.headers, "/api/csp-report");
  for (const violation of violations.slice(0, 5)) {
    await recordSecurityEvent({
      type: "csp.violation",
      severity: "WARNING",
      tenantId: tenant?.id ?? null,
      ip: meta.ip,
      route: meta.route,
      details: violation,
    });
  }
  return new Response(null, { status: 204 });
}
