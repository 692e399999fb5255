import { createShippingRate, createShippingRateSchema } from "@/lib/checkout/shipping-options";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** POST /api/dashboard/shipping/rates: a new shipping option in the store's currency (at most five active). */
export const POST = guardedRoute(
  {
    name: "dashboard.shipping_rate.create",
    access: { roles: ["MERCHANT"], storeRoles: ["OWNER"] },
    schema: createShippingRateSchema,
  },
  async (input, { db, user, tenant }) => jsonNoStore(await createShippingRate(db, toAuditActor(user, tenant), input)),
);
