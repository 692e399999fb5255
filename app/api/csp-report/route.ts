import { externalRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { readJsonCapped } from "@/lib/security/read-body";
import { readRequestMeta } from "@/lib/security/request-context";
import { MAX_CSP_REPORT_BYTES, recordCspViolations, toViolations } from "@/lib/telemetry/csp-reports";
import { findTenantByHost, normalizeHost } from "@/lib/tenancy";

/** POST /api/csp-report: browsers' CSP violation reports (no session; size-capped, validated, rate-limited). */
export const POST = externalRoute(
  { name: "api.csp-report", reason: "sent by browsers without credentials; validated and rate-limited" },
  async (request: Request) => {
    const read = await readJsonCapped(request, MAX_CSP_REPORT_BYTES);
    if (!read.ok && read.reason === "too-large") return jsonNoStore({ error: "Report too large." }, 413);
    if (!read.ok) return jsonNoStore({ error: "A CSP report is a JSON document." }, 400);
    const violations = toViolations(read.value);
    if (!violations) return jsonNoStore({ error: "Not a CSP violation report." }, 400);
    const host = normalizeHost(request.headers.get("host"));
    const tenant = host ? await findTenantByHost(host) : null;
    await recordCspViolations(violations, tenant?.id ?? null, readRequestMeta(request.headers, "/api/csp-report"));
    return new Response(null, { status: 204 });
  },
);
