import { setDiscountCodeActive, setDiscountCodeActiveSchema } from "@/lib/checkout/discount-codes";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** PATCH /api/dashboard/discounts/[id]: switches a code on or off. */
export const PATCH = guardedRoute(
  {
    name: "dashboard.discount_code.update",
    access: { roles: ["MERCHANT"], storeRoles: ["OWNER"] },
    schema: setDiscountCodeActiveSchema,
  },
  async (input, { db, user, tenant }) => {
    await setDiscountCodeActive(db, toAuditActor(user, tenant), input);
    return jsonNoStore({ ok: true });
  },
);
