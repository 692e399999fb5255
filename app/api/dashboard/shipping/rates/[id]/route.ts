import { archiveShippingRate, archiveShippingRateSchema } from "@/lib/checkout/shipping-options";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** DELETE /api/dashboard/shipping/rates/[id]: archives the option (orders keep naming it). */
export const DELETE = guardedRoute(
  {
    name: "dashboard.shipping_rate.archive",
    access: { roles: ["MERCHANT"], storeRoles: ["OWNER"] },
    schema: archiveShippingRateSchema,
  },
  async (input, { db, user, tenant }) => {
    await archiveShippingRate(db, toAuditActor(user, tenant), input);
    return jsonNoStore({ ok: true });
  },
);
