import { refundOrder, refundOrderSchema } from "@/lib/orders/refund-order";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/**
 * POST /api/dashboard/orders/[id]/refund: asks Stripe to refund everything left, an amount
 * (`amount`, major units) or lines (`lines`); the webhook records it.
 */
export const POST = guardedRoute(
  { name: "dashboard.order.refund", access: { roles: ["MERCHANT"] }, schema: refundOrderSchema },
  async (input, { db, user, tenant }) => {
    const { id, ...request } = input;
    const { amountMinor } = await refundOrder(db, toAuditActor(user, tenant), id, request);
    return jsonNoStore({ ok: true, amountMinor });
  },
);
