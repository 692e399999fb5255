import { externalRoute } from "@/lib/security/guard";
import { handleCspReport } from "@/lib/telemetry/security-event-routes";

/** POST /api/csp-report: browsers' CSP violation reports (no session; size-capped, validated, rate-limited). */
export const POST = externalRoute(
  { name: "api.csp-report", reason: "sent by browsers without credentials; validated and rate-limited" },
  handleCspReport,
);
