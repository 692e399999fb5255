import "server-only";
import { catalogTag, getPlatformDb, invalidateTags, type DbTransaction } from "@/lib/db";

// Stock is held for an order from checkout until payment (committed) or until the checkout ends
// unpaid (released). Variant.stock is what is still for sale; a reservation takes from it with a
// conditional update that cannot go below zero, and a release gives it back exactly once.
//
// Every stock change invalidates the store's cached catalog (in-stock labels) as it is made, inside
// the caller's transaction: this process's other statements wait for that transaction
// (lib/db/serialized-sqlite.ts), so nothing can cache the state before its commit.

export class OutOfStockError extends Error {
  constructor(readonly sku: string) {
    super(`Not enough stock for ${sku}`);
  }
}

/** Takes stock for every line, or throws (and the surrounding transaction takes nothing). */
export async function reserveStock(
  tx: DbTransaction,
  order: { id: string; tenantId: string },
  lines: { variantId: string; sku: string; quantity: number }[],
  expiresAt: Date,
): Promise<void> {
  for (const line of lines) {
    const taken = await tx.variant.updateMany({
      where: { id: line.variantId, tenantId: order.tenantId, stock: { gte: line.quantity } },
      data: { stock: { decrement: line.quantity } },
    });
    invalidateTags(catalogTag(order.tenantId));
    if (taken.count !== 1) throw new OutOfStockError(line.sku);
    await tx.stockReservation.create({
      data: {
        tenantId: order.tenantId,
        orderId: order.id,
        variantId: line.variantId,
        quantity: line.quantity,
        expiresAt,
      },
    });
  }
}

/** Payment confirmed: held stock is sold. Returns false when nothing was held (released earlier). */
export async function commitReservations(tx: DbTransaction, order: { id: string; tenantId: string }): Promise<boolean> {
  const committed = await tx.stockReservation.updateMany({
    where: { orderId: order.id, tenantId: order.tenantId, status: "HELD" },
    data: { status: "COMMITTED" },
  });
  return committed.count > 0;
}

/**
 * A late payment for an order whose hold was released: take the stock again, for every line or
 * for none. A line that cannot be taken gives back what the earlier lines took before answering
 * false, so the caller's transaction never commits half an order's stock.
 */
export async function recommitReleased(tx: DbTransaction, order: { id: string; tenantId: string }): Promise<boolean> {
  const released = await tx.stockReservation.findMany({
    where: { orderId: order.id, tenantId: order.tenantId, status: "RELEASED" },
  });
  const taken: typeof released = [];
  for (const reservation of released) {
    const took = await tx.variant.updateMany({
      where: { id: reservation.variantId, tenantId: order.tenantId, stock: { gte: reservation.quantity } },
      data: { stock: { decrement: reservation.quantity } },
    });
    invalidateTags(catalogTag(order.tenantId));
    if (took.count !== 1) {
      for (const back of taken) {
        await tx.variant.updateMany({
          where: { id: back.variantId, tenantId: order.tenantId },
          data: { stock: { increment: back.quantity } },
        });
      }
      return false;
    }
    taken.push(reservation);
  }
  await tx.stockReservation.updateMany({
    where: { id: { in: taken.map((r) => r.id) }, status: "RELEASED" },
    data: { status: "COMMITTED" },
  });
  return true;
}

/** Checkout ended unpaid: give held stock back, each reservation exactly once. */
export async function releaseReservations(tx: DbTransaction, order: { id: string; tenantId: string }): Promise<number> {
  const held = await tx.stockReservation.findMany({
    where: { orderId: order.id, tenantId: order.tenantId, status: "HELD" },
  });
  let released = 0;
  for (const reservation of held) {
    const claimed = await tx.stockReservation.updateMany({
      where: { id: reservation.id, status: "HELD" },
      data: { status: "RELEASED" },
    });
    if (claimed.count !== 1) continue;
    await tx.variant.update({
      where: { id: reservation.variantId },
      data: { stock: { increment: reservation.quantity } },
    });
    invalidateTags(catalogTag(order.tenantId));
    released += reservation.quantity;
  }
  return released;
}

/**
 * Releases holds whose time is up, whatever happened to their checkout (a crash between
 * reserving and creating the Stripe session, a lost webhook). Their orders become EXPIRED.
 */
export async function releaseExpiredReservations(now = new Date()): Promise<number> {
  const db = await getPlatformDb();
  const stale = await db.stockReservation.findMany({
    where: { status: "HELD", expiresAt: { lte: now } },
    select: { orderId: true, tenantId: true },
    distinct: ["orderId"],
    take: 100,
  });
  let released = 0;
  for (const order of stale) {
    released += await db.$transaction(async (tx) => {
      const count = await releaseReservations(tx, { id: order.orderId, tenantId: order.tenantId });
      await tx.order.updateMany({
        where: { id: order.orderId, tenantId: order.tenantId, status: "PENDING" },
        data: { status: "EXPIRED" },
      });
      return count;
    });
  }
  return released;
}
