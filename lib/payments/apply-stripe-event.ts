import "server-only";
import type Stripe from "stripe";
import type { DbTransaction } from "@/lib/db";
import { removePurchasedLines } from "@/lib/cart/cart-store";
import { canTransition, type OrderStatus } from "@/lib/checkout/order-state";
import { commitReservations, recommitReleased, releaseReservations } from "@/lib/checkout/reservations";
import { formatMoney } from "@/lib/catalog/money";
import { sendMail } from "@/lib/mail/send-mail";
import type { SecurityEventInput } from "@/lib/telemetry/security-events";

type Order = NonNullable<Awaited<ReturnType<DbTransaction["order"]["findFirst"]>>>;

async function findOrderForSession(tx: DbTransaction, session: Stripe.Checkout.Session): Promise<Order | null> {
  // Our own record decides: the session id we stored, cross-checked with the order id we sent.
  const order = await tx.order.findUnique({ where: { stripeCheckoutSessionId: session.id } });
  if (!order || (session.client_reference_id && session.client_reference_id !== order.id)) return null;
  return order;
}

async function move(
  tx: DbTransaction,
  order: Order,
  to: OrderStatus,
  data: Record<string, unknown> = {},
): Promise<boolean> {
  if (!canTransition(order.status, to)) return false;
  const moved = await tx.order.updateMany({
    where: { id: order.id, status: order.status },
    data: { status: to, ...data },
  });
  return moved.count === 1;
}

async function markPaid(
  tx: DbTransaction,
  order: Order,
  session: Stripe.Checkout.Session,
  followUps: SecurityEventInput[],
): Promise<string> {
  if (order.status === "PAID" || order.status === "FULFILLED" || order.status === "REFUNDED") return "already_paid";
  const stockOk =
    order.status === "EXPIRED"
      ? await recommitReleased(tx, order)
      : order.status === "PENDING"
        ? (await commitReservations(tx, order), true)
        : false;
  const paymentIntent =
    typeof session.payment_intent === "string" ? session.payment_intent : (session.payment_intent?.id ?? null);
  if (!stockOk) {
    await tx.order.update({
      where: { id: order.id },
      data: {
        flaggedReason: `paid while ${order.status.toLowerCase()} and the stock is gone: refund needed`,
        stripePaymentIntentId: paymentIntent,
      },
    });
    followUps.push({
      type: "payment.needs_attention",
      severity: "WARNING",
      tenantId: order.tenantId,
      details: { orderId: order.id, status: order.status },
    });
    return "flagged_unfulfillable";
  }
  const email = order.email || session.customer_details?.email || "";
  await move(tx, order, "PAID", { paidAt: new Date(), stripePaymentIntentId: paymentIntent, email });
  const items = await tx.orderItem.findMany({ where: { orderId: order.id } });
  if (order.sourceCartId) await removePurchasedLines(order.tenantId, order.sourceCartId, items, tx);
  const origin = session.metadata?.origin;
  const token = session.metadata?.lookupToken;
  if (email && origin && token) {
    await sendMail(
      {
        tenantId: order.tenantId,
        to: email,
        subject: `Your order ${order.id.slice(-8).toUpperCase()} is confirmed`,
        text: [
          "Thank you for your order!",
          "",
          ...items.map(
            (item) =>
              `${item.quantity} × ${item.productTitle} (${item.variantTitle}) — ${formatMoney(item.unitPriceMinor * item.quantity, order.currency)}`,
          ),
          "",
          `Total: ${formatMoney(order.totalMinor, order.currency)}`,
          "",
          `See your order at any time: ${origin}/orders/${order.id}?t=${token}`,
        ].join("\n"),
      },
      tx,
    );
  }
  return "paid";
}

async function endUnpaid(tx: DbTransaction, order: Order, to: "EXPIRED" | "CANCELLED"): Promise<string> {
  const moved = await move(tx, order, to, to === "CANCELLED" ? { cancelledAt: new Date() } : {});
  if (!moved) return `ignored_${order.status.toLowerCase()}`;
  await releaseReservations(tx, order);
  return to.toLowerCase();
}

/** Applies one verified Stripe event to our orders. Returns what it did, for the event log. */
export async function applyStripeEvent(
  tx: DbTransaction,
  event: Stripe.Event,
  followUps: SecurityEventInput[],
): Promise<string> {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
    case "checkout.session.async_payment_failed":
    case "checkout.session.expired": {
      const session = event.data.object;
      const order = await findOrderForSession(tx, session);
      if (!order) return "unknown_order";
      if (event.type === "checkout.session.expired") return endUnpaid(tx, order, "EXPIRED");
      if (event.type === "checkout.session.async_payment_failed") return endUnpaid(tx, order, "CANCELLED");
      // Amounts are checked against our own order, never taken from the event or its metadata.
      if (
        session.amount_total !== order.totalMinor ||
        session.currency?.toLowerCase() !== order.currency.toLowerCase()
      ) {
        await tx.order.update({
          where: { id: order.id },
          data: {
            flaggedReason: `amount mismatch: charged ${session.amount_total} ${session.currency}, expected ${order.totalMinor} ${order.currency}`,
          },
        });
        followUps.push({
          type: "payment.amount_mismatch",
          severity: "CRITICAL",
          tenantId: order.tenantId,
          details: {
            orderId: order.id,
            charged: session.amount_total,
            currency: session.currency,
            expected: order.totalMinor,
          },
        });
        return "flagged_amount_mismatch";
      }
      if (event.type === "checkout.session.completed" && session.payment_status !== "paid") {
        if (!order.email && session.customer_details?.email)
          await tx.order.update({ where: { id: order.id }, data: { email: session.customer_details.email } });
        return "awaiting_async_payment";
      }
      return markPaid(tx, order, session, followUps);
    }
    case "charge.refunded": {
      const charge = event.data.object;
      const paymentIntent =
        typeof charge.payment_intent === "string" ? charge.payment_intent : charge.payment_intent?.id;
      if (!paymentIntent) return "unknown_order";
      const order = await tx.order.findUnique({ where: { stripePaymentIntentId: paymentIntent } });
      if (!order) return "unknown_order";
      if (!charge.refunded) return "partial_refund_recorded";
      return (await move(tx, order, "REFUNDED", { refundedAt: new Date() }))
        ? "refunded"
        : `ignored_${order.status.toLowerCase()}`;
    }
    default:
      return "ignored_type";
  }
}
