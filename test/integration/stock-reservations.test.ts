import { beforeAll, describe, expect, it } from "vitest";
import {
  commitReservations,
  OutOfStockError,
  recommitReleased,
  releaseExpiredReservations,
  releaseReservations,
  reserveStock,
} from "@/lib/checkout/reservations";
import type { DbTransaction } from "@/lib/db";
import { getDb, getTenantIds } from "../support/db";

// Stock holds against real SQLite: a hold takes every line or none and never goes below zero,
// a release gives stock back exactly once, a late payment takes it again for every line or none,
// and each step stays inside the order's own store.

let tenantId: string;
let otherTenantId: string;
let variants: { id: string; sku: string }[];

beforeAll(async () => {
  const ids = await getTenantIds();
  tenantId = ids.northwind;
  otherTenantId = ids.lumen;
  const db = await getDb();
  variants = await db.variant.findMany({
    where: { tenantId },
    take: 2,
    orderBy: { id: "asc" },
    select: { id: true, sku: true },
  });
  expect(variants).toHaveLength(2);
});

const inTx = async <T>(work: (tx: DbTransaction) => Promise<T>) => (await getDb()).$transaction(work);
const stockOf = async (id: string) => (await (await getDb()).variant.findUniqueOrThrow({ where: { id } })).stock;
const setStock = async (stock: [number, number]) => {
  const db = await getDb();
  for (const [i, value] of stock.entries())
    await db.variant.update({ where: { id: variants[i]!.id }, data: { stock: value } });
};
const statuses = async (orderId: string) =>
  (await (await getDb()).stockReservation.findMany({ where: { orderId }, orderBy: { variantId: "asc" } })).map(
    (r) => r.status,
  );

async function newOrder(status: "PENDING" | "PAID" = "PENDING") {
  const db = await getDb();
  return db.order.create({
    data: { tenantId, currency: "usd", subtotalMinor: 1000, totalMinor: 1000, status },
    select: { id: true, tenantId: true },
  });
}

const lines = (a: number, b: number) => [
  { variantId: variants[0]!.id, sku: variants[0]!.sku, quantity: a },
  { variantId: variants[1]!.id, sku: variants[1]!.sku, quantity: b },
];
const expiresAt = new Date("2030-01-01T00:00:00Z");

describe("reserveStock", () => {
  it("holds every line, down to the last unit", async () => {
    await setStock([5, 2]);
    const order = await newOrder();
    await inTx((tx) => reserveStock(tx, order, lines(5, 1), expiresAt));
    expect([await stockOf(variants[0]!.id), await stockOf(variants[1]!.id)]).toEqual([0, 1]);
    const db = await getDb();
    const held = await db.stockReservation.findMany({ where: { orderId: order.id }, orderBy: { quantity: "asc" } });
    expect(held.map((r) => [r.variantId, r.quantity, r.status, r.tenantId, r.expiresAt])).toEqual([
      [variants[1]!.id, 1, "HELD", tenantId, expiresAt],
      [variants[0]!.id, 5, "HELD", tenantId, expiresAt],
    ]);
  });

  it("takes nothing when one line is short, naming that line", async () => {
    await setStock([5, 2]);
    const order = await newOrder();
    const error = await inTx((tx) => reserveStock(tx, order, lines(1, 3), expiresAt)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutOfStockError);
    expect(error).toMatchObject({ sku: variants[1]!.sku, message: `Not enough stock for ${variants[1]!.sku}` });
    expect([await stockOf(variants[0]!.id), await stockOf(variants[1]!.id)]).toEqual([5, 2]);
    expect(await statuses(order.id)).toEqual([]);
  });

  it("never takes another store's stock for an order", async () => {
    await setStock([5, 2]);
    const db = await getDb();
    const theirs = await db.order.create({
      data: { tenantId: otherTenantId, currency: "usd", subtotalMinor: 1, totalMinor: 1 },
      select: { id: true, tenantId: true },
    });
    await expect(inTx((tx) => reserveStock(tx, theirs, lines(1, 0).slice(0, 1), expiresAt))).rejects.toBeInstanceOf(
      OutOfStockError,
    );
    expect(await stockOf(variants[0]!.id)).toBe(5);
  });
});

describe("commitReservations", () => {
  it("sells held stock once, and only for the order's own store", async () => {
    await setStock([5, 2]);
    const order = await newOrder();
    await inTx((tx) => reserveStock(tx, order, lines(1, 1), expiresAt));
    expect(await inTx((tx) => commitReservations(tx, { id: order.id, tenantId: otherTenantId }))).toBe(false);
    expect(await statuses(order.id)).toEqual(["HELD", "HELD"]);
    expect(await inTx((tx) => commitReservations(tx, order))).toBe(true);
    expect(await statuses(order.id)).toEqual(["COMMITTED", "COMMITTED"]);
    expect(await inTx((tx) => commitReservations(tx, order))).toBe(false);
    expect([await stockOf(variants[0]!.id), await stockOf(variants[1]!.id)]).toEqual([4, 1]);
  });
});

describe("releaseReservations", () => {
  it("gives held stock back exactly once and says how much", async () => {
    await setStock([5, 2]);
    const order = await newOrder();
    await inTx((tx) => reserveStock(tx, order, lines(3, 2), expiresAt));
    expect(await inTx((tx) => releaseReservations(tx, { id: order.id, tenantId: otherTenantId }))).toBe(0);
    expect(await inTx((tx) => releaseReservations(tx, order))).toBe(5);
    expect(await statuses(order.id)).toEqual(["RELEASED", "RELEASED"]);
    expect(await inTx((tx) => releaseReservations(tx, order))).toBe(0);
    expect([await stockOf(variants[0]!.id), await stockOf(variants[1]!.id)]).toEqual([5, 2]);
  });

  it("gives back nothing that was sold", async () => {
    await setStock([5, 2]);
    const order = await newOrder();
    await inTx((tx) => reserveStock(tx, order, lines(2, 1), expiresAt));
    await inTx((tx) => commitReservations(tx, order));
    expect(await inTx((tx) => releaseReservations(tx, order))).toBe(0);
    expect([await stockOf(variants[0]!.id), await stockOf(variants[1]!.id)]).toEqual([3, 1]);
  });

  it("releases a hold once when two releases race", async () => {
    await setStock([5, 2]);
    const order = await newOrder();
    await inTx((tx) => reserveStock(tx, order, lines(2, 2), expiresAt));
    const released = await Promise.all([1, 2, 3].map(() => inTx((tx) => releaseReservations(tx, order))));
    expect(released.reduce((a, b) => a + b, 0)).toBe(4);
    expect([await stockOf(variants[0]!.id), await stockOf(variants[1]!.id)]).toEqual([5, 2]);
  });
});

describe("recommitReleased (a payment that arrives after its hold was released)", () => {
  it("takes the stock again for every line and sells it, for that order only", async () => {
    await setStock([5, 2]);
    const order = await newOrder();
    const bystander = await newOrder();
    await inTx((tx) => reserveStock(tx, order, lines(2, 1), expiresAt));
    await inTx((tx) => reserveStock(tx, bystander, lines(1, 1), expiresAt));
    await inTx((tx) => releaseReservations(tx, order));
    await inTx((tx) => releaseReservations(tx, bystander));
    expect(await inTx((tx) => recommitReleased(tx, order))).toBe(true);
    expect(await statuses(order.id)).toEqual(["COMMITTED", "COMMITTED"]);
    expect(await statuses(bystander.id)).toEqual(["RELEASED", "RELEASED"]);
    expect([await stockOf(variants[0]!.id), await stockOf(variants[1]!.id)]).toEqual([3, 1]);
    // Nothing left released: a second call takes nothing more.
    expect(await inTx((tx) => recommitReleased(tx, order))).toBe(true);
    expect([await stockOf(variants[0]!.id), await stockOf(variants[1]!.id)]).toEqual([3, 1]);
  });

  it("takes nothing when a line has been sold to someone else meanwhile, giving back what earlier lines took", async () => {
    await setStock([5, 2]);
    const order = await newOrder();
    await inTx((tx) => reserveStock(tx, order, lines(2, 2), expiresAt));
    await inTx((tx) => releaseReservations(tx, order));
    await setStock([5, 1]);
    expect(await inTx((tx) => recommitReleased(tx, order))).toBe(false);
    expect([await stockOf(variants[0]!.id), await stockOf(variants[1]!.id)]).toEqual([5, 1]);
    expect(await statuses(order.id)).toEqual(["RELEASED", "RELEASED"]);
  });

  it("takes the last units exactly, and touches nothing of an order named with another store", async () => {
    await setStock([5, 2]);
    const order = await newOrder();
    await inTx((tx) => reserveStock(tx, order, lines(5, 2), expiresAt));
    await inTx((tx) => releaseReservations(tx, order));
    expect(await inTx((tx) => recommitReleased(tx, { id: order.id, tenantId: otherTenantId }))).toBe(true);
    expect(await statuses(order.id)).toEqual(["RELEASED", "RELEASED"]);
    expect(await inTx((tx) => recommitReleased(tx, order))).toBe(true);
    expect([await stockOf(variants[0]!.id), await stockOf(variants[1]!.id)]).toEqual([0, 0]);
  });
});

describe("releaseExpiredReservations", () => {
  it("releases holds whose time is up (at the second it ends), expiring only orders still pending", async () => {
    await setStock([5, 2]);
    const ends = new Date(Date.now() + 3_600_000);
    const pending = await newOrder();
    const paid = await newOrder("PAID");
    const later = await newOrder();
    await inTx((tx) => reserveStock(tx, pending, lines(1, 1), ends));
    await inTx((tx) => reserveStock(tx, paid, lines(1, 0).slice(0, 1), ends));
    await inTx((tx) => reserveStock(tx, later, lines(0, 1).slice(1), new Date(ends.getTime() + 1)));
    expect(await releaseExpiredReservations(new Date(ends.getTime() - 1))).toBe(0);
    expect(await releaseExpiredReservations(ends)).toBe(3);
    const db = await getDb();
    expect((await db.order.findUniqueOrThrow({ where: { id: pending.id } })).status).toBe("EXPIRED");
    expect((await db.order.findUniqueOrThrow({ where: { id: paid.id } })).status).toBe("PAID");
    expect((await db.order.findUniqueOrThrow({ where: { id: later.id } })).status).toBe("PENDING");
    expect(await statuses(later.id)).toEqual(["HELD"]);
    expect([await stockOf(variants[0]!.id), await stockOf(variants[1]!.id)]).toEqual([5, 1]);
  });
});
