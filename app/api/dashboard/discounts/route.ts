import { createDiscountCode, createDiscountCodeSchema } from "@/lib/checkout/discount-codes";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** POST /api/dashboard/discounts: a new discount code (a percentage or an amount off, optional last day). */
export const POST = guardedRoute(
  {
    name: "dashboard.discount_code.create",
    access: { roles: ["MERCHANT"], storeRoles: ["OWNER"] },
    schema: createDiscountCodeSchema,
  },
  async (input, { db, user, tenant }) => jsonNoStore(await createDiscountCode(db, toAuditActor(user, tenant), input)),
);
