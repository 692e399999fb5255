import "server-only";
import { getTenantDb } from "@/lib/db";
import type { CurrentUser } from "@/lib/identity/current-user";
import { hashOpaqueToken } from "@/lib/identity/opaque-token";
import { ORDER_STATUS_LABEL, type OrderStatus } from "./order-state";

export type OrderDto = {
  id: string;
  status: OrderStatus;
  statusLabel: string;
  email: string;
  currency: string;
  subtotalMinor: number;
  totalMinor: number;
  createdAt: Date;
  paidAt: Date | null;
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
  paidAt: true,
  userId: true,
  lookupTokenHash: true,
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
): Promise<OrderDto | null> {
  if (orderId.length > 40) return null;
  const db = await getTenantDb(tenantId);
  const order = await db.order.findFirst({ where: { id: orderId, tenantId }, select: orderSelect });
  if (!order) return null;
  const owner = viewer.user !== null && order.userId === viewer.user.id;
  const holder = !!viewer.token && !!order.lookupTokenHash && hashOpaqueToken(viewer.token) === order.lookupTokenHash;
  if (!owner && !holder) return null;
  const { userId: _userId, lookupTokenHash: _hash, ...rest } = order;
  return { ...rest, statusLabel: ORDER_STATUS_LABEL[order.status] };
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
    statusLabel: ORDER_STATUS_LABEL[order.status],
    itemCount: items.reduce((sum, item) => sum + item.quantity, 0),
  }));
}

export async function listOrdersForUser(user: CurrentUser): Promise<OrderSummaryDto[]> {
  const orders = await listOrderSummaries(user.tenantId, { userId: user.id });
  return orders.map(({ email: _email, flaggedReason: _flag, ...order }) => order);
}
