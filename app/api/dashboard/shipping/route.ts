import { updateShipping, updateShippingSchema } from "@/lib/checkout/shipping-options";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** PATCH /api/dashboard/shipping: the countries the store ships to, and whether Stripe Tax is on. */
export const PATCH = guardedRoute(
  {
    name: "dashboard.shipping.update",
    access: { roles: ["MERCHANT"], storeRoles: ["OWNER"] },
    schema: updateShippingSchema,
  },
  async (input, { db, user, tenant }) => {
    await updateShipping(db, toAuditActor(user, tenant), input);
    return jsonNoStore({ ok: true });
  },
);
