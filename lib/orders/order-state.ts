// Pure: the order state machine. Transitions only move forward, so a late, duplicated or
// out-of-order payment event can never move an order backwards.
//
//   PENDING ──paid──▶ PAID ──shipped──▶ FULFILLED
//      │  └─expired─▶ EXPIRED ──paid late (stock re-committed)──▶ PAID
//      └──cancelled─▶ CANCELLED          PAID / FULFILLED ──refunded──▶ REFUNDED
//
// PENDING, EXPIRED and CANCELLED orders reach REFUNDED only through the refund of a payment that
// could not be fulfilled — too late, or for the wrong amount (flagged "refund needed" until then). An asynchronous payment
// that fails after our own sweep expired the order turns it CANCELLED, as in-order delivery would.

export type OrderStatus = "PENDING" | "PAID" | "FULFILLED" | "CANCELLED" | "EXPIRED" | "REFUNDED";

const ALLOWED: Record<OrderStatus, OrderStatus[]> = {
  PENDING: ["PAID", "CANCELLED", "EXPIRED", "REFUNDED"],
  EXPIRED: ["PAID", "REFUNDED", "CANCELLED"],
  PAID: ["FULFILLED", "REFUNDED"],
  FULFILLED: ["REFUNDED"],
  CANCELLED: ["REFUNDED"],
  REFUNDED: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return ALLOWED[from].includes(to);
}

export const ORDER_STATUS_LABEL: Record<OrderStatus, string> = {
  PENDING: "Awaiting payment",
  PAID: "Paid",
  FULFILLED: "Shipped",
  CANCELLED: "Cancelled",
  EXPIRED: "Checkout expired",
  REFUNDED: "Refunded",
};

/**
 * The status as shown: a paid or shipped order some of whose money went back is "partially
 * refunded" (refundedMinor, confirmed by Stripe) without a state of its own, so the state machine
 * above stays as it is and only a full refund moves an order to REFUNDED.
 */
export function describeOrderStatus(status: OrderStatus, refundedMinor: number): string {
  const label = ORDER_STATUS_LABEL[status];
  return refundedMinor > 0 && (status === "PAID" || status === "FULFILLED") ? `${label} · partially refunded` : label;
}
