import { formatMoney } from "@/lib/catalog/money";
import { describeCarrier, trackingUrlFor } from "./shipping";
import type { OrderStatus } from "./order-state";

// Pure: what happened to an order, oldest first, read from its own dates and its OrderEvent rows.
// The shopper's timeline leaves out what is internal: who did it and refunds Stripe refused.

export type TimelineEntry = {
  at: Date;
  kind:
    "placed" | "paid" | "shipped" | "refund_requested" | "refund_failed" | "refund_confirmed" | "cancelled" | "expired";
  text: string;
  /** The carrier's tracking page (known carriers only, built from our template). */
  trackingUrl?: string;
  /** The merchant's view only. */
  actor?: string;
};

export type TimelineOrder = {
  status: OrderStatus;
  currency: string;
  createdAt: Date;
  updatedAt: Date;
  paidAt: Date | null;
  cancelledAt: Date | null;
};

export type TimelineEvent = {
  kind: string;
  amountMinor: number | null;
  actorEmail: string | null;
  details: string;
  createdAt: Date;
};

function readDetails(details: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(details);
    return parsed && typeof parsed === "object" ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

const str = (value: unknown) => (typeof value === "string" ? value : null);

function eventEntry(order: TimelineOrder, event: TimelineEvent, locale: string): TimelineEntry | null {
  const details = readDetails(event.details);
  const amount = event.amountMinor !== null ? formatMoney(event.amountMinor, order.currency, locale) : "";
  const lines = Array.isArray(details.lines) ? details.lines.filter((line) => typeof line === "string") : [];
  const forLines = lines.length ? ` (${lines.join(", ")})` : "";
  switch (event.kind) {
    case "shipped": {
      const carrier = str(details.carrier) ?? "OTHER";
      const tracking = str(details.trackingNumber) ?? "";
      const trackingUrl = trackingUrlFor(carrier, tracking);
      return {
        at: event.createdAt,
        kind: "shipped",
        text: `Shipped with ${describeCarrier(carrier, str(details.carrierName))}, tracking number ${tracking}`,
        ...(trackingUrl ? { trackingUrl } : {}),
      };
    }
    case "refund_requested":
      return { at: event.createdAt, kind: "refund_requested", text: `Refund of ${amount} requested${forLines}` };
    case "refund_failed":
      return {
        at: event.createdAt,
        kind: "refund_failed",
        text: `Refund of ${amount} refused by the payment provider`,
      };
    case "refund_confirmed":
      return {
        at: event.createdAt,
        kind: "refund_confirmed",
        text: details.full === true ? `Refunded ${amount}: the order is refunded in full` : `Refunded ${amount}`,
      };
    default:
      return null;
  }
}

export function buildOrderTimeline(
  order: TimelineOrder,
  events: TimelineEvent[],
  audience: "merchant" | "shopper",
  locale = "en-US",
): TimelineEntry[] {
  const entries: TimelineEntry[] = [{ at: order.createdAt, kind: "placed", text: "Order placed" }];
  if (order.paidAt) entries.push({ at: order.paidAt, kind: "paid", text: "Payment received" });
  for (const event of events) {
    const entry = eventEntry(order, event, locale);
    if (!entry) continue;
    if (audience === "shopper" && entry.kind === "refund_failed") continue;
    entries.push(audience === "merchant" && event.actorEmail ? { ...entry, actor: event.actorEmail } : entry);
  }
  if (order.cancelledAt) entries.push({ at: order.cancelledAt, kind: "cancelled", text: "Order cancelled" });
  // Expiry is not dated on the order: the last change of an expired order is its expiry.
  if (order.status === "EXPIRED")
    entries.push({ at: order.updatedAt, kind: "expired", text: "Checkout expired unpaid" });
  return entries.sort((a, b) => a.at.getTime() - b.at.getTime());
}
