import "server-only";
import type { DbTransaction } from "@/lib/db";
import { removePurchasedLines } from "@/lib/cart/cart-store";
import { canTransition, type OrderStatus } from "./order-state";
import { commitReservations, recommitReleased, releaseReservations } from "@/lib/checkout/reservations";
import type { SecurityEventInput } from "@/lib/telemetry/security-events";
import { checkChargedAmounts, type ChargedAmounts } from "./charged-amounts";
import { sendOrderConfirmation } from "./order-confirmation";
import { sendRefundedMail } from "./order-mails";
import {
  idOf,
  parseStripeEvent,
  type ChargeObject,
  type CheckoutSessionObject,
  type StripeEventInput,
} from "@/lib/payments/stripe-event-schema";

// Applies verified, schema-checked Stripe events to our orders. Stripe does not promise any
// order of delivery, so every pair of events must end in the state the in-order delivery would
// have reached: a state move only goes forward, a payment that comes after its session expired
// re-takes the stock (all lines or none), and a refund that arrives before the payment it refunds
// is kept (WebhookEvent.deferredOn) and applied the moment that payment is recorded.

type Order = NonNullable<Awaited<ReturnType<DbTransaction["order"]["findFirst"]>>>;

const deferKey = (paymentIntent: string) => `payment_intent:${paymentIntent}`;

async function findOrderForSession(tx: DbTransaction, session: CheckoutSessionObject): Promise<Order | null> {
  // Our own record decides: the session id we stored, cross-checked with the order id we sent.
  const order = await tx.order.findUnique({ where: { stripeCheckoutSessionId: session.id } });
  if (!order || (session.client_reference_id && session.client_reference_id !== order.id)) return null;
  return order;
}

/** Moves an order forward if it is still in the state it was read in; true when it moved. */
async function move(tx: DbTransaction, order: Order, to: OrderStatus, data: Record<string, unknown> = {}) {
  if (!canTransition(order.status, to)) return false;
  const moved = await tx.order.updateMany({
    where: { id: order.id, status: order.status },
    data: { status: to, ...data },
  });
  return moved.count === 1;
}

/** Another request changed the order between our read and our write: let Stripe retry. */
class OrderChangedMeanwhile extends Error {}

/** Events that were waiting for this payment (a refund that overtook it) are applied now. */
async function applyDeferred(
  tx: DbTransaction,
  paymentIntent: string | null,
  followUps: SecurityEventInput[],
): Promise<void> {
  if (!paymentIntent) return;
  const waiting = await tx.webhookEvent.findMany({
    where: { deferredOn: deferKey(paymentIntent) },
    orderBy: { receivedAt: "asc" },
  });
  for (const row of waiting) {
    const parsed = parseStripeEvent(row.payload ?? "");
    const outcome = parsed.ok ? await applyStripeEvent(tx, parsed.event, followUps) : "malformed";
    await tx.webhookEvent.update({
      where: { id: row.id },
      data: {
        deferredOn: null,
        payload: null,
        processedAt: new Date(),
        outcome: `applied_late:${typeof outcome === "string" ? outcome : "still_waiting"}`,
      },
    });
  }
}

async function flagForRefund(
  tx: DbTransaction,
  order: Order,
  paymentIntent: string | null,
  amounts: ChargedAmounts,
  followUps: SecurityEventInput[],
): Promise<string> {
  // What was charged is recorded (checked like any payment), so the refund gives all of it back.
  await tx.order.update({
    where: { id: order.id },
    data: {
      flaggedReason: `paid while ${order.status.toLowerCase()} and the stock is gone: refund needed`,
      stripePaymentIntentId: paymentIntent,
      ...amounts,
    },
  });
  followUps.push({
    type: "payment.needs_attention",
    severity: "WARNING",
    tenantId: order.tenantId,
    details: { orderId: order.id, status: order.status },
  });
  await applyDeferred(tx, paymentIntent, followUps);
  return "flagged_unfulfillable";
}

async function markPaid(
  tx: DbTransaction,
  order: Order,
  session: CheckoutSessionObject,
  amounts: ChargedAmounts,
  followUps: SecurityEventInput[],
): Promise<string> {
  if (order.status === "PAID" || order.status === "FULFILLED" || order.status === "REFUNDED") return "already_paid";
  const paymentIntent = idOf(session.payment_intent);
  if (order.status === "CANCELLED" || (order.status === "EXPIRED" && !(await recommitReleased(tx, order)))) {
    return flagForRefund(tx, order, paymentIntent, amounts, followUps);
  }
  if (order.status === "PENDING") await commitReservations(tx, order);
  const email = order.email || session.customer_details?.email || "";
  const moved = await move(tx, order, "PAID", {
    paidAt: new Date(),
    stripePaymentIntentId: paymentIntent,
    email,
    ...amounts,
  });
  if (!moved) throw new OrderChangedMeanwhile(`order ${order.id} changed while its payment was applied`);
  const items = await tx.orderItem.findMany({ where: { orderId: order.id } });
  if (order.sourceCartId) await removePurchasedLines(order.tenantId, order.sourceCartId, items, tx);
  if (email) await sendOrderConfirmation(tx, { ...order, ...amounts, email }, items, session);
  await applyDeferred(tx, paymentIntent, followUps);
  return "paid";
}

async function endUnpaid(tx: DbTransaction, order: Order, to: "EXPIRED" | "CANCELLED"): Promise<string> {
  const moved = await move(tx, order, to, to === "CANCELLED" ? { cancelledAt: new Date() } : {});
  if (!moved) return `ignored_${order.status.toLowerCase()}`;
  await releaseReservations(tx, order);
  return to.toLowerCase();
}

async function applySessionEvent(
  tx: DbTransaction,
  event: Extract<StripeEventInput, { session: CheckoutSessionObject }>,
  followUps: SecurityEventInput[],
): Promise<string> {
  const { session } = event;
  const order = await findOrderForSession(tx, session);
  if (!order) return "unknown_order";
  if (event.type === "checkout.session.expired") return endUnpaid(tx, order, "EXPIRED");
  if (event.type === "checkout.session.async_payment_failed") return endUnpaid(tx, order, "CANCELLED");
  // Amounts are checked against our own order, never taken from the event or its metadata.
  const charged = await checkChargedAmounts(tx, order, session);
  if (!charged.ok) {
    // The payment intent is kept so the money can be refunded and the refund recorded.
    const paymentIntent = idOf(session.payment_intent);
    await tx.order.update({
      where: { id: order.id },
      data: {
        flaggedReason: `amount mismatch: ${charged.problem}: refund needed`.slice(0, 500),
        // The refund this needs is of what was charged, whatever it was.
        ...(order.status === "PENDING" && session.amount_total !== null ? { totalMinor: session.amount_total } : {}),
        ...(paymentIntent && !order.stripePaymentIntentId ? { stripePaymentIntentId: paymentIntent } : {}),
      },
    });
    await applyDeferred(tx, paymentIntent, followUps);
    followUps.push({
      type: "payment.amount_mismatch",
      severity: "CRITICAL",
      tenantId: order.tenantId,
      details: {
        orderId: order.id,
        charged: session.amount_total,
        currency: session.currency,
        expected: order.subtotalMinor,
        problem: charged.problem,
      },
    });
    return "flagged_amount_mismatch";
  }
  if (event.type === "checkout.session.completed" && session.payment_status !== "paid") {
    // An asynchronous payment method: the money follows (or not) in a later event. What Stripe
    // collected is kept now; the order is only PAID when the money arrives.
    const email = order.email || session.customer_details?.email || "";
    await tx.order.updateMany({ where: { id: order.id, status: "PENDING" }, data: { email, ...charged.amounts } });
    return "awaiting_async_payment";
  }
  return markPaid(tx, order, session, charged.amounts, followUps);
}

/**
 * Records money Stripe confirmed as refunded, once: the figures move with a compare-and-set on the
 * amount read, so a redelivered or concurrent webhook records (and mails) nothing twice. The hold
 * a refund request placed (refundPendingMinor) is released by what was confirmed.
 */
async function confirmRefund(
  tx: DbTransaction,
  order: Order,
  refund: { refundedMinor: number; newlyRefunded: number; full: boolean },
) {
  const { refundedMinor, newlyRefunded, full } = refund;
  const recorded = await tx.order.updateMany({
    where: { id: order.id, refundedMinor: order.refundedMinor },
    data: { refundedMinor, refundPendingMinor: Math.max(0, order.refundPendingMinor - newlyRefunded) },
  });
  if (recorded.count !== 1) throw new OrderChangedMeanwhile(`order ${order.id} changed while its refund was applied`);
  await tx.orderEvent.create({
    data: {
      tenantId: order.tenantId,
      orderId: order.id,
      kind: "refund_confirmed",
      amountMinor: newlyRefunded,
      details: JSON.stringify({ full }),
    },
  });
  await sendRefundedMail(tx, order, { amountMinor: newlyRefunded, refundedMinor, full });
}

async function applyRefund(
  tx: DbTransaction,
  event: Extract<StripeEventInput, { charge: ChargeObject }>,
  followUps: SecurityEventInput[],
): Promise<string | { defer: string }> {
  const paymentIntent = idOf(event.charge.payment_intent);
  if (!paymentIntent) return "unknown_order";
  const order = await tx.order.findUnique({ where: { stripePaymentIntentId: paymentIntent } });
  // The payment it refunds has not reached us yet: keep the refund until it does.
  if (!order) return { defer: deferKey(paymentIntent) };
  // Cumulative, so the larger figure wins whatever the order of delivery; never above the charge.
  const refundedMinor = Math.min(Math.max(order.refundedMinor, event.charge.amount_refunded), order.totalMinor);
  const newlyRefunded = refundedMinor - order.refundedMinor;
  const full = event.charge.refunded || refundedMinor >= order.totalMinor;
  if (newlyRefunded > 0) await confirmRefund(tx, order, { refundedMinor, newlyRefunded, full });
  if (!event.charge.refunded) return newlyRefunded > 0 ? "partial_refund_recorded" : "refund_already_recorded";
  const moved = await move(tx, order, "REFUNDED", { refundedAt: new Date(), flaggedReason: null });
  // A refunded order that never became PAID (an amount mismatch) still held its stock.
  if (moved && order.status === "PENDING") await releaseReservations(tx, order);
  if (moved && order.flaggedReason) {
    followUps.push({
      type: "payment.needs_attention",
      severity: "INFO",
      tenantId: order.tenantId,
      details: { orderId: order.id, resolved: "refunded" },
    });
  }
  return moved ? "refunded" : `ignored_${order.status.toLowerCase()}`;
}

/**
 * Applies one verified event. Returns what it did, for the event log, or `{ defer }` when the
 * event must wait for another (the caller stores it under that key).
 */
export async function applyStripeEvent(
  tx: DbTransaction,
  event: StripeEventInput,
  followUps: SecurityEventInput[],
): Promise<string | { defer: string }> {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired":
      return applySessionEvent(tx, event, followUps);
    case "charge.refunded":
      return applyRefund(tx, event, followUps);
    default:
      return "ignored_type";
  }
}

export { OrderChangedMeanwhile };
