import { z } from "zod";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { setAlertStatus } from "@/lib/telemetry/alerts";

const schema = z.object({ id: z.string().min(1).max(40), status: z.enum(["ACKNOWLEDGED", "RESOLVED"]) }).strict();

/** PATCH /api/admin/alerts/[id]: acknowledge an alert (someone is on it) or resolve it. */
export const PATCH = guardedRoute(
  { name: "admin.alerts.status", access: { roles: ["ADMINISTRATOR"] }, tenantKind: "PLATFORM", schema },
  async (input, { user, meta }) =>
    jsonNoStore(await setAlertStatus(input.id, input.status, { email: user.email, ip: meta.ip })),
);
