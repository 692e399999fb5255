import { idOnlySchema } from "@/lib/catalog/product-schemas";
import { refundOrder } from "@/lib/orders/manage-orders";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** POST /api/dashboard/orders/[id]/refund: asks Stripe to refund; the webhook records it. */
export const POST = guardedRoute(
  { name: "dashboard.order.refund", access: { roles: ["MERCHANT"] }, schema: idOnlySchema },
  async (input, { db, user, tenant }) => {
    await refundOrder(db, toAuditActor(user, tenant), input.id);
    return jsonNoStore({ ok: true });
  },
);
