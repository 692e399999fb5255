import "server-only";
import { getTenantDb, type DbTransaction, type TenantDb } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/telemetry/audit";
import { DomainError } from "@/lib/security/domain-error";
import { describeOrderStatus, type OrderStatus } from "./order-state";
import { sendShippedMail } from "./order-mails";
import { listOrderSummaries } from "./orders";
import { readShippingAddress } from "./charged-amounts";
import { buildOrderTimeline } from "./order-timeline";
import { isRefundable, refundableMinor } from "./refund-order";
import { describeCarrier, trackingUrlFor, type ShipOrderInput } from "./shipping";

export function listOrdersForMerchant(tenantId: string, status?: OrderStatus) {
  return listOrderSummaries(tenantId, status ? { status } : {}, 200);
}

export async function getOrderForMerchant(tenantId: string, id: string, locale = "en-US") {
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
      updatedAt: true,
      paidAt: true,
      fulfilledAt: true,
      cancelledAt: true,
      refundedAt: true,
      refundedMinor: true,
      refundPendingMinor: true,
      carrier: true,
      carrierName: true,
      trackingNumber: true,
      stripePaymentIntentId: true,
      shippingAddress: true,
      shippingPhone: true,
      shippingMethod: true,
      shippingMinor: true,
      shippingTaxMinor: true,
      taxMinor: true,
      discountMinor: true,
      discountCode: true,
      items: {
        select: { id: true, sku: true, productTitle: true, variantTitle: true, unitPriceMinor: true, quantity: true },
      },
      events: { orderBy: { createdAt: "asc" }, take: 200 },
    },
  });
  if (!order) return null;
  const { stripePaymentIntentId, events, shippingAddress, ...rest } = order;
  return {
    ...rest,
    address: readShippingAddress(shippingAddress),
    statusLabel: describeOrderStatus(order.status, order.refundedMinor),
    refundable: isRefundable({ ...order, stripePaymentIntentId }),
    refundableMinor: refundableMinor(order),
    trackingUrl: order.carrier && order.trackingNumber ? trackingUrlFor(order.carrier, order.trackingNumber) : null,
    carrierLabel: order.carrier ? describeCarrier(order.carrier, order.carrierName) : null,
    timeline: buildOrderTimeline(order, events, "merchant", locale),
  };
}

/**
 * Marks a paid order shipped with its carrier and tracking number, once: only a PAID order moves,
 * so a second request (or a refunded, unpaid or already shipped order) is refused. The shipped
 * mail and the timeline entry are written in the same transaction.
 */
export async function fulfilOrder(db: TenantDb, actor: AuditActor, input: ShipOrderInput): Promise<void> {
  const { id, carrier, carrierName, trackingNumber } = input;
  await db.$transaction(async (tx) => {
    // Nothing ships that is refunded, or being refunded, in full: the refund amounts read here are
    // conditions of the update, so a refund held in between makes it miss.
    const current = await tx.order.findFirst({
      where: { id },
      select: { totalMinor: true, refundedMinor: true, refundPendingMinor: true, shippingAddress: true },
    });
    if (current && !readShippingAddress(current.shippingAddress))
      throw new DomainError(
        409,
        "This order has no shipping address, so it cannot be marked as shipped. Contact the shopper, or refund it.",
      );
    if (current && current.refundedMinor + current.refundPendingMinor >= current.totalMinor)
      throw new DomainError(
        409,
        "This order is refunded in full (or a full refund is waiting for Stripe): nothing ships.",
      );
    const moved = await tx.order.updateMany({
      where: {
        id,
        status: "PAID",
        refundedMinor: current?.refundedMinor ?? 0,
        refundPendingMinor: current?.refundPendingMinor ?? 0,
      },
      data: { status: "FULFILLED", fulfilledAt: new Date(), carrier, carrierName, trackingNumber },
    });
    if (moved.count !== 1) {
      if (!(await tx.order.findFirst({ where: { id }, select: { id: true } })))
        throw new DomainError(404, "That order does not exist in this store.");
      throw new DomainError(409, "Only paid orders that have not shipped yet can be marked as shipped.");
    }
    await tx.orderEvent.create({
      data: {
        tenantId: actor.tenantId,
        orderId: id,
        kind: "shipped",
        actorEmail: actor.email,
        details: JSON.stringify({ carrier, carrierName, trackingNumber }),
      },
    });
    const order = await tx.order.findFirstOrThrow({
      where: { id },
      select: { id: true, tenantId: true, userId: true, email: true, currency: true },
    });
    await sendShippedMail(tx as unknown as DbTransaction, { ...order, carrier, carrierName, trackingNumber });
  });
  await recordAudit(db, actor, {
    action: "order.fulfilled",
    entity: "Order",
    entityId: id,
    details: { carrier: describeCarrier(carrier, carrierName), trackingNumber },
  });
}

export { refundOrder } from "./refund-order";
