import { beforeAll, describe, expect, it } from "vitest";
import { changeCartLine, mergeGuestCart, readCart, removeCartLine } from "@/lib/cart/cart-store";
import { DomainError } from "@/lib/security/domain-error";
import { findTenantByHost, type TenantDto } from "@/lib/tenancy";
import { getDb } from "../support/db";

let northwind: TenantDto;
let lumen: TenantDto;

beforeAll(async () => {
  northwind = (await findTenantByHost("localhost"))!;
  lumen = (await findTenantByHost("lumen.localhost"))!;
});

const guest = () => ({ guestToken: `guest-token-${Math.random().toString(36).slice(2)}-padding` });

async function variantWithStock(tenantId: string, min: number, skip = 0) {
  const db = await getDb();
  return db.variant.findFirstOrThrow({
    where: { tenantId, stock: { gte: min }, product: { status: "ACTIVE" } },
    orderBy: { sku: "asc" },
    skip,
  });
}

describe("cart", () => {
  it("adds, increases, sets and removes lines, with prices from the catalog", async () => {
    const owner = guest();
    const variant = await variantWithStock(northwind.id, 5);
    let cart = await changeCartLine(northwind, owner, { variantId: variant.id, quantity: 2, mode: "add" });
    cart = await changeCartLine(northwind, owner, { variantId: variant.id, quantity: 1, mode: "add" });
    expect(cart.lines).toHaveLength(1);
    expect(cart.lines[0]).toMatchObject({
      sku: variant.sku,
      quantity: 3,
      unitPriceMinor: variant.priceMinor,
      lineTotalMinor: variant.priceMinor * 3,
    });
    expect(cart).toMatchObject({ itemCount: 3, subtotalMinor: variant.priceMinor * 3, currency: "USD" });
    cart = await changeCartLine(northwind, owner, { variantId: variant.id, quantity: 1, mode: "set" });
    expect(cart.itemCount).toBe(1);
    // A price change in the catalog shows at once: the cart stores no prices.
    const db = await getDb();
    await db.variant.update({ where: { id: variant.id }, data: { priceMinor: variant.priceMinor + 100 } });
    expect((await readCart(northwind, owner)).subtotalMinor).toBe(variant.priceMinor + 100);
    cart = await removeCartLine(northwind, owner, variant.id);
    expect(cart.lines).toHaveLength(0);
  });

  it("caps quantities by stock and refuses what is sold out", async () => {
    const db = await getDb();
    const owner = guest();
    const low = await variantWithStock(northwind.id, 1);
    await db.variant.update({ where: { id: low.id }, data: { stock: 2 } });
    expect(
      (await changeCartLine(northwind, owner, { variantId: low.id, quantity: 9, mode: "add" })).lines[0]?.quantity,
    ).toBe(2);
    const soldOut = await db.variant.findFirstOrThrow({ where: { tenantId: northwind.id, stock: 0 } });
    await expect(
      changeCartLine(northwind, owner, { variantId: soldOut.id, quantity: 1, mode: "add" }),
    ).rejects.toMatchObject({ status: 409 });
  });

  it("treats another store's variant and unknown ids as not found, leaving the cart unchanged", async () => {
    const owner = guest();
    const mine = await variantWithStock(northwind.id, 1);
    await changeCartLine(northwind, owner, { variantId: mine.id, quantity: 1, mode: "add" });
    const foreign = await variantWithStock(lumen.id, 1);
    for (const variantId of [foreign.id, "does-not-exist"]) {
      const error = await changeCartLine(northwind, owner, { variantId, quantity: 1, mode: "add" }).catch(
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).status).toBe(404);
    }
    expect((await readCart(northwind, owner)).lines.map((l) => l.variantId)).toEqual([mine.id]);
  });

  it("flags lines whose product went away or whose stock fell", async () => {
    const db = await getDb();
    const owner = guest();
    const variant = await variantWithStock(northwind.id, 3, 5);
    await changeCartLine(northwind, owner, { variantId: variant.id, quantity: 3, mode: "add" });
    await db.variant.update({ where: { id: variant.id }, data: { stock: 1 } });
    expect((await readCart(northwind, owner)).lines[0]?.problem).toBe("insufficient-stock");
    await db.product.update({ where: { id: variant.productId }, data: { status: "ARCHIVED" } });
    const cart = await readCart(northwind, owner);
    expect(cart.lines[0]?.problem).toBe("unavailable");
    expect(cart.subtotalMinor).toBe(0);
  });

  it("merges a guest cart into the shopper's cart at sign-in, capped by stock", async () => {
    const db = await getDb();
    const user = await db.user.findFirstOrThrow({
      where: { tenantId: northwind.id, email: "merchant@northwind.test" },
    });
    const a = await variantWithStock(northwind.id, 3, 10);
    const b = await variantWithStock(northwind.id, 3, 11);
    await db.variant.update({ where: { id: a.id }, data: { stock: 3 } });
    await changeCartLine(northwind, { userId: user.id }, { variantId: a.id, quantity: 2, mode: "add" });
    const owner = guest();
    await changeCartLine(northwind, owner, { variantId: a.id, quantity: 2, mode: "add" });
    await changeCartLine(northwind, owner, { variantId: b.id, quantity: 1, mode: "add" });
    await mergeGuestCart(northwind.id, user.id, owner.guestToken);
    const merged = await readCart(northwind, { userId: user.id });
    expect(Object.fromEntries(merged.lines.map((l) => [l.variantId, l.quantity]))).toEqual({ [a.id]: 3, [b.id]: 1 });
    expect((await readCart(northwind, owner)).lines).toHaveLength(0);
  });

  it("forgets an expired cart", async () => {
    const db = await getDb();
    const owner = guest();
    const variant = await variantWithStock(northwind.id, 1);
    await changeCartLine(northwind, owner, { variantId: variant.id, quantity: 1, mode: "add" });
    await db.cart.updateMany({
      where: { tenantId: northwind.id, items: { some: { variantId: variant.id } } },
      data: { expiresAt: new Date(Date.now() - 1) },
    });
    expect((await readCart(northwind, owner)).lines).toHaveLength(0);
  });
});
