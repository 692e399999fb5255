import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { alertQuerySchema, listAlerts } from "@/lib/telemetry/alerts";

/** GET /api/admin/alerts?since=<ISO time>: every store's alerts detected since then, newest first. */
export const GET = guardedRoute(
  { name: "admin.alerts.list", access: { roles: ["ADMINISTRATOR"] }, tenantKind: "PLATFORM", schema: alertQuerySchema },
  async (input) => jsonNoStore(await listAlerts(input.since ? { since: new Date(input.since) } : {})),
);
