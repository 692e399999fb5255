import "server-only";
import { getTenantDb, type TenantDb } from "@/lib/db";
import { getStripe } from "@/lib/payments/stripe-client";
import { logEvent } from "@/lib/telemetry/logger";
import { recordAudit, type AuditActor } from "@/lib/telemetry/audit";
import { DomainError } from "@/lib/security/domain-error";
import { ORDER_STATUS_LABEL, type OrderStatus } from "./order-state";
import { listOrderSummaries } from "./orders";

export function listOrdersForMerchant(tenantId: string, status?: OrderStatus) {
  return listOrderSummaries(tenantId, status ? { status } : {}, 200);
}

export async function getOrderForMerchant(tenantId: string, id: string) {
  if (id.length > 40) return null;
  const db = await getTenantDb(tenantId);
  const order = await db.order.findFirst({
    where: { id },
    select: {
      id: true,
      status: true,
      email: true,
      currency: true,
      subtotalMinor: true,
      totalMinor: true,
      flaggedReason: true,
      createdAt: true,
      paidAt: true,
      fulfilledAt: true,
      refundedAt: true,
      stripePaymentIntentId: true,
      items: { select: { sku: true, productTitle: true, variantTitle: true, unitPriceMinor: true, quantity: true } },
    },
  });
  if (!order) return null;
  const { stripePaymentIntentId, ...rest } = order;
  return {
    ...rest,
    statusLabel: ORDER_STATUS_LABEL[order.status],
    refundable: isRefundable({ ...order, stripePaymentIntentId }),
  };
}

/**
 * Paid orders can be refunded, and so can an order whose payment could not be fulfilled (too late,
 * or for the wrong amount; flagged "refund needed"): the money was taken and must go back.
 */
function isRefundable(order: {
  status: OrderStatus;
  stripePaymentIntentId: string | null;
  flaggedReason: string | null;
}) {
  if (!order.stripePaymentIntentId) return false;
  if (order.status === "PAID" || order.status === "FULFILLED") return true;
  return (
    (order.status === "PENDING" || order.status === "EXPIRED" || order.status === "CANCELLED") &&
    !!order.flaggedReason?.endsWith("refund needed")
  );
}

/** Marks a paid order shipped. Only PAID orders can be fulfilled. */
export async function fulfilOrder(db: TenantDb, actor: AuditActor, id: string): Promise<void> {
  const moved = await db.order.updateMany({
    where: { id, status: "PAID" },
    data: { status: "FULFILLED", fulfilledAt: new Date() },
  });
  if (moved.count !== 1) {
    if (!(await db.order.findFirst({ where: { id }, select: { id: true } })))
      throw new DomainError(404, "That order does not exist in this store.");
    throw new DomainError(409, "Only paid orders can be marked as shipped.");
  }
  await recordAudit(db, actor, { action: "order.fulfilled", entity: "Order", entityId: id });
}

/**
 * Refunds an order in full through Stripe. The order turns REFUNDED when Stripe's
 * charge.refunded webhook arrives, like every other payment state.
 */
export async function refundOrder(db: TenantDb, actor: AuditActor, id: string): Promise<void> {
  const order = await db.order.findFirst({
    where: { id },
    select: { id: true, status: true, stripePaymentIntentId: true, totalMinor: true, flaggedReason: true },
  });
  if (!order) throw new DomainError(404, "That order does not exist in this store.");
  if (!isRefundable(order) || !order.stripePaymentIntentId) {
    throw new DomainError(409, "Only paid orders can be refunded.");
  }
  try {
    await getStripe().refunds.create(
      { payment_intent: order.stripePaymentIntentId },
      { idempotencyKey: `refund-${order.id}` },
    );
  } catch (error) {
    logEvent("error", "refund_failed", { orderId: id, error: String(error) });
    throw new DomainError(
      409,
      "The payment provider refused the refund. Try again, or refund from the Stripe dashboard.",
    );
  }
  await recordAudit(db, actor, {
    action: "order.refund_requested",
    entity: "Order",
    entityId: id,
    details: { amountMinor: order.totalMinor },
  });
}
