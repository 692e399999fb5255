import "server-only";
import { getTenantDb } from "@/lib/db";
import type { CurrentUser } from "@/lib/identity/current-user";
import { hashOpaqueToken } from "@/lib/identity/opaque-token";
import { readShippingAddress, type ShippingAddress } from "./charged-amounts";
import type { AmountFacts } from "./order-amounts";
import { describeOrderStatus, type OrderStatus } from "./order-state";
import { buildOrderTimeline, type TimelineEntry } from "./order-timeline";
import { describeCarrier, trackingUrlFor } from "./shipping";

export type OrderDto = AmountFacts & {
  id: string;
  status: OrderStatus;
  statusLabel: string;
  email: string;
  currency: string;
  subtotalMinor: number;
  totalMinor: number;
  createdAt: Date;
  paidAt: Date | null;
  refundedMinor: number;
  /** Where it goes, as recorded from Stripe's verified payment (null before payment). */
  address: ShippingAddress | null;
  shippingPhone: string | null;
  /** Set once shipped: the carrier as read, the tracking number, and our link for known carriers. */
  shipment: { carrier: string; trackingNumber: string; trackingUrl: string | null } | null;
  timeline: TimelineEntry[];
  items: { sku: string; productTitle: string; variantTitle: string; unitPriceMinor: number; quantity: number }[];
};

const orderSelect = {
  id: true,
  status: true,
  email: true,
  currency: true,
  subtotalMinor: true,
  totalMinor: true,
  createdAt: true,
  updatedAt: true,
  paidAt: true,
  cancelledAt: true,
  refundedMinor: true,
  carrier: true,
  carrierName: true,
  trackingNumber: true,
  shippingAddress: true,
  shippingPhone: true,
  shippingMethod: true,
  shippingMinor: true,
  taxMinor: true,
  discountMinor: true,
  discountCode: true,
  userId: true,
  lookupTokenHash: true,
  // The timeline's facts, without who did it (the shopper's view never names a merchant).
  events: {
    orderBy: { createdAt: "asc" },
    take: 200,
    select: { kind: true, amountMinor: true, details: true, createdAt: true },
  },
  items: { select: { sku: true, productTitle: true, variantTitle: true, unitPriceMinor: true, quantity: true } },
} as const;

/**
 * An order of this store, for its owner (signed in) or for whoever holds its look-up link.
 * Anyone else — another shopper, another store — gets null, and the page answers 404.
 */
export async function getOrderForViewer(
  tenantId: string,
  orderId: string,
  viewer: { user: CurrentUser | null; token?: string | undefined },
  locale = "en-US",
): Promise<OrderDto | null> {
  if (orderId.length > 40) return null;
  const db = await getTenantDb(tenantId);
  const order = await db.order.findFirst({ where: { id: orderId, tenantId }, select: orderSelect });
  if (!order) return null;
  const owner = viewer.user !== null && order.userId === viewer.user.id;
  const holder = !!viewer.token && !!order.lookupTokenHash && hashOpaqueToken(viewer.token) === order.lookupTokenHash;
  if (!owner && !holder) return null;
  const {
    userId: _userId,
    lookupTokenHash: _hash,
    events,
    carrier,
    carrierName,
    trackingNumber,
    updatedAt: _updated,
    cancelledAt: _cancelled,
    shippingAddress,
    ...rest
  } = order;
  const shipment =
    carrier && trackingNumber
      ? {
          carrier: describeCarrier(carrier, carrierName),
          trackingNumber,
          trackingUrl: trackingUrlFor(carrier, trackingNumber),
        }
      : null;
  const timeline = buildOrderTimeline(
    order,
    events.map((event) => ({ ...event, actorEmail: null })),
    "shopper",
    locale,
  );
  return {
    ...rest,
    address: readShippingAddress(shippingAddress),
    statusLabel: describeOrderStatus(order.status, order.refundedMinor),
    shipment,
    timeline,
  };
}

export type OrderSummaryDto = {
  id: string;
  status: OrderStatus;
  statusLabel: string;
  currency: string;
  totalMinor: number;
  createdAt: Date;
  itemCount: number;
};

const summarySelect = {
  id: true,
  status: true,
  email: true,
  currency: true,
  totalMinor: true,
  createdAt: true,
  flaggedReason: true,
  refundedMinor: true,
  items: { select: { quantity: true } },
} as const;

/** Order summaries for a list (a shopper's history, the merchant's orders), newest first. */
export async function listOrderSummaries(
  tenantId: string,
  where: { userId?: string; status?: OrderStatus },
  take = 100,
) {
  const db = await getTenantDb(tenantId);
  const orders = await db.order.findMany({ where, orderBy: { createdAt: "desc" }, take, select: summarySelect });
  return orders.map(({ items, ...order }) => ({
    ...order,
    statusLabel: describeOrderStatus(order.status, order.refundedMinor),
    itemCount: items.reduce((sum, item) => sum + item.quantity, 0),
  }));
}

export async function listOrdersForUser(user: CurrentUser): Promise<OrderSummaryDto[]> {
  const orders = await listOrderSummaries(user.tenantId, { userId: user.id });
  return orders.map(({ email: _email, flaggedReason: _flag, refundedMinor: _refunded, ...order }) => order);
}
