import { fulfilOrder } from "@/lib/orders/manage-orders";
import { shipOrderSchema } from "@/lib/orders/shipping";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** POST /api/dashboard/orders/[id]/fulfil: a paid order is marked shipped with carrier and tracking. */
export const POST = guardedRoute(
  { name: "dashboard.order.fulfil", access: { roles: ["MERCHANT"] }, schema: shipOrderSchema },
  async (input, { db, user, tenant }) => {
    await fulfilOrder(db, toAuditActor(user, tenant), input);
    return jsonNoStore({ ok: true });
  },
);
