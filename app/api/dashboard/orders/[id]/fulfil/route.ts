import { idOnlySchema } from "@/lib/catalog/product-schemas";
import { fulfilOrder } from "@/lib/orders/manage-orders";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** POST /api/dashboard/orders/[id]/fulfil: a paid order is marked shipped. */
export const POST = guardedRoute(
  { name: "dashboard.order.fulfil", access: { roles: ["MERCHANT"] }, schema: idOnlySchema },
  async (input, { db, user, tenant }) => {
    await fulfilOrder(db, toAuditActor(user, tenant), input.id);
    return jsonNoStore({ ok: true });
  },
);
