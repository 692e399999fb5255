import "server-only";
import { lineShare } from "./order-amounts";
import { z } from "zod";
import type { TenantDb } from "@/lib/db";
import { formatMoney, parseMajorToMinor } from "@/lib/catalog/money";
import { getStripe } from "@/lib/payments/stripe-client";
import { DomainError } from "@/lib/security/domain-error";
import { recordAudit, type AuditActor } from "@/lib/telemetry/audit";
import { logEvent } from "@/lib/telemetry/logger";
import type { OrderStatus } from "./order-state";

// Refunds, in full or in part (an amount, or chosen lines of the order). What may still be
// refunded is what was paid minus what Stripe confirmed (refundedMinor) minus what was asked of
// Stripe and not yet confirmed (refundPendingMinor). A request first holds its amount with a
// compare-and-set on those two figures, so parallel requests can never together ask for more than
// was paid; the hold is released when the webhook confirms it (apply-stripe-event.ts) or at once
// when Stripe refuses it.

export const refundOrderSchema = z
  .object({
    id: z.string().min(1).max(40),
    amount: z.string().trim().max(20).optional(),
    lines: z
      .array(z.object({ itemId: z.string().min(1).max(40), quantity: z.number().int().min(1).max(999) }).strict())
      .min(1, { error: "Choose at least one line to refund." })
      .max(100)
      .optional(),
  })
  .strict()
  .refine((value) => !(value.amount !== undefined && value.lines !== undefined), {
    error: "Refund either an amount or lines, not both.",
    path: ["amount"],
  });

/**
 * Whether Stripe answered "no" (a 4xx: an invalid request, a refused card, a charge already
 * refunded). Anything else — a timeout, a connection error, a 5xx — leaves the outcome unknown.
 */
export function isDefiniteRefusal(error: unknown): boolean {
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" && status >= 400 && status < 500;
}

export type RefundRequest = { amount?: string | undefined; lines?: { itemId: string; quantity: number }[] | undefined };

type RefundableOrder = {
  id: string;
  status: OrderStatus;
  currency: string;
  subtotalMinor: number;
  totalMinor: number;
  shippingMinor: number;
  shippingTaxMinor: number;
  refundedMinor: number;
  refundPendingMinor: number;
  stripePaymentIntentId: string | null;
  flaggedReason: string | null;
  items: { id: string; productTitle: string; variantTitle: string; unitPriceMinor: number; quantity: number }[];
};

/**
 * Paid orders can be refunded, and so can an order whose payment could not be fulfilled (too late,
 * or for the wrong amount; flagged "refund needed"): the money was taken and must go back.
 */
export function isRefundable(order: {
  status: OrderStatus;
  stripePaymentIntentId: string | null;
  flaggedReason: string | null;
}): boolean {
  if (!order.stripePaymentIntentId) return false;
  if (order.status === "PAID" || order.status === "FULFILLED") return true;
  return (
    (order.status === "PENDING" || order.status === "EXPIRED" || order.status === "CANCELLED") &&
    !!order.flaggedReason?.endsWith("refund needed")
  );
}

/** What may still be refunded, in minor units. */
export const refundableMinor = (order: { totalMinor: number; refundedMinor: number; refundPendingMinor: number }) =>
  Math.max(0, order.totalMinor - order.refundedMinor - order.refundPendingMinor);

/** The amount asked for, computed from the order's own figures; null means "all that is left". */
function amountOf(order: RefundableOrder, request: RefundRequest): { amountMinor: number | null; lines?: string[] } {
  if (request.amount !== undefined) {
    const minor = parseMajorToMinor(request.amount, order.currency);
    if (minor === null || minor <= 0)
      throw new DomainError(400, "Enter the amount to refund, like 12.50.", {
        amount: ["Enter an amount like 12.50."],
      });
    return { amountMinor: minor };
  }
  if (request.lines !== undefined) {
    let gross = 0;
    const described: string[] = [];
    const seen = new Set<string>();
    for (const line of request.lines) {
      const item = order.items.find((candidate) => candidate.id === line.itemId);
      if (!item || seen.has(line.itemId))
        throw new DomainError(400, "Choose lines of this order, each once.", { lines: ["Unknown or repeated line."] });
      if (line.quantity > item.quantity)
        throw new DomainError(400, `The order has only ${item.quantity} × ${item.productTitle}.`, {
          lines: ["More than was ordered."],
        });
      seen.add(line.itemId);
      gross += item.unitPriceMinor * line.quantity;
      described.push(`${line.quantity} × ${item.productTitle} (${item.variantTitle})`);
    }
    return { amountMinor: lineShare(order, gross), lines: described };
  }
  return { amountMinor: null };
}

/** Holds `amount` against the order if it still fits; retries when another request moved first. */
async function holdAmount(
  db: TenantDb,
  id: string,
  wanted: (order: RefundableOrder) => number,
): Promise<{ order: RefundableOrder; amountMinor: number }> {
  for (let attempt = 0; attempt < 25; attempt++) {
    const order = await readOrder(db, id);
    const amountMinor = wanted(order);
    const left = refundableMinor(order);
    if (amountMinor > left) {
      throw new DomainError(
        409,
        left === 0
          ? "Nothing is left to refund on this order (refunds waiting for Stripe count too)."
          : `At most ${formatMoney(left, order.currency)} can still be refunded on this order.`,
      );
    }
    const held = await db.order.updateMany({
      where: { id, refundedMinor: order.refundedMinor, refundPendingMinor: order.refundPendingMinor },
      data: { refundPendingMinor: order.refundPendingMinor + amountMinor },
    });
    if (held.count === 1) return { order, amountMinor };
  }
  throw new DomainError(409, "The order is changing right now. Try again in a moment.");
}

async function readOrder(db: TenantDb, id: string): Promise<RefundableOrder> {
  const order = await db.order.findFirst({
    where: { id },
    select: {
      id: true,
      status: true,
      currency: true,
      subtotalMinor: true,
      totalMinor: true,
      shippingMinor: true,
      shippingTaxMinor: true,
      refundedMinor: true,
      refundPendingMinor: true,
      stripePaymentIntentId: true,
      flaggedReason: true,
      items: {
        select: { id: true, productTitle: true, variantTitle: true, unitPriceMinor: true, quantity: true },
      },
    },
  });
  if (!order) throw new DomainError(404, "That order does not exist in this store.");
  if (!isRefundable(order)) throw new DomainError(409, "Only paid orders can be refunded.");
  return order;
}

/**
 * Asks Stripe for a refund: everything left (no amount or lines), an amount, or lines. The order
 * records it when Stripe's charge.refunded webhook confirms it, like every other payment state.
 */
export async function refundOrder(
  db: TenantDb,
  actor: AuditActor,
  id: string,
  request: RefundRequest = {},
): Promise<{ amountMinor: number }> {
  const first = await readOrder(db, id);
  const asked = amountOf(first, request);
  const partialAllowed = first.status === "PAID" || first.status === "FULFILLED";
  if (asked.amountMinor !== null && !partialAllowed)
    throw new DomainError(409, "An order whose payment could not be fulfilled is refunded in full.");
  const { order, amountMinor } = await holdAmount(db, id, (current) => asked.amountMinor ?? refundableMinor(current));
  if (amountMinor <= 0) {
    throw new DomainError(409, "Nothing is left to refund on this order (refunds waiting for Stripe count too).");
  }
  // The first refund of everything is asked without an amount: Stripe refunds the whole charge,
  // which for a payment of the wrong amount is not our order's total.
  const whole = asked.amountMinor === null && order.refundedMinor === 0 && order.refundPendingMinor === 0;
  const event = await db.orderEvent.create({
    data: {
      tenantId: actor.tenantId,
      orderId: id,
      kind: "refund_requested",
      amountMinor,
      actorEmail: actor.email,
      details: JSON.stringify(asked.lines ? { lines: asked.lines } : {}),
    },
  });
  try {
    await getStripe().refunds.create(
      { payment_intent: order.stripePaymentIntentId!, ...(whole ? {} : { amount: amountMinor }) },
      // One key per request: a retried call is the same refund, a new request a new one.
      { idempotencyKey: `refund-${event.id}` },
    );
  } catch (error) {
    if (!isDefiniteRefusal(error)) {
      // No answer (a timeout, a dropped connection, Stripe's own 5xx) is not a refusal: Stripe may
      // have made the refund. The hold and the request stay until its webhook settles them, so a
      // second try cannot refund the same money twice.
      logEvent("error", "refund_unconfirmed", { orderId: id, error: String(error) });
      await recordAudit(db, actor, {
        action: "order.refund_requested",
        entity: "Order",
        entityId: id,
        details: { amountMinor, unconfirmed: true, ...(asked.lines ? { lines: asked.lines } : {}) },
      });
      throw new DomainError(
        502,
        "The payment provider did not answer in time. The refund stays requested and shows here once Stripe confirms it; do not ask for it again.",
      );
    }
    logEvent("error", "refund_failed", { orderId: id, error: String(error) });
    await db.order.update({ where: { id }, data: { refundPendingMinor: { decrement: amountMinor } } });
    await db.orderEvent.update({ where: { id: event.id }, data: { kind: "refund_failed" } });
    throw new DomainError(
      409,
      "The payment provider refused the refund. Try again, or refund from the Stripe dashboard.",
    );
  }
  await recordAudit(db, actor, {
    action: "order.refund_requested",
    entity: "Order",
    entityId: id,
    details: { amountMinor, ...(asked.lines ? { lines: asked.lines } : {}) },
  });
  return { amountMinor };
}
