import { describe, expect, it } from "vitest";
import { getDb, getTenantIds, SEEDED } from "../support/db";

describe("the schema's tenant boundary", () => {
  it("runs with foreign keys enforced", async () => {
    const db = await getDb();
    const rows = await db.$queryRawUnsafe<{ foreign_keys: bigint | number }[]>("PRAGMA foreign_keys");
    expect(Number(rows[0]?.foreign_keys)).toBe(1);
  });

  it("refuses a raw insert that links a variant to another tenant's product", async () => {
    const db = await getDb();
    const { northwind, lumen } = await getTenantIds();
    const product = await db.product.findFirstOrThrow({ where: { tenantId: northwind } });
    await expect(
      db.$executeRawUnsafe(
        `INSERT INTO "Variant" (id, tenantId, productId, sku, title, priceMinor, stock, position, createdAt, updatedAt)
         VALUES ('cross', ?, ?, 'X-1', 'x', 100, 1, 0, 0, 0)`,
        lumen,
        product.id,
      ),
    ).rejects.toThrow(/FOREIGN KEY/i);
    expect(await db.variant.findUnique({ where: { id: "cross" } })).toBeNull();
  });

  it("refuses a cart item of one tenant's cart pointing at another tenant's variant", async () => {
    const db = await getDb();
    const { northwind, lumen } = await getTenantIds();
    const cart = await db.cart.create({ data: { tenantId: northwind, expiresAt: new Date(Date.now() + 3_600_000) } });
    const foreignVariant = await db.variant.findFirstOrThrow({ where: { tenantId: lumen } });
    await expect(
      db.cartItem.create({ data: { tenantId: northwind, cartId: cart.id, variantId: foreignVariant.id, quantity: 1 } }),
    ).rejects.toThrow();
    await expect(
      db.cartItem.create({ data: { tenantId: lumen, cartId: cart.id, variantId: foreignVariant.id, quantity: 1 } }),
    ).rejects.toThrow();
  });

  it("refuses to move a row with children to another tenant, even by raw SQL", async () => {
    const db = await getDb();
    const { northwind, lumen } = await getTenantIds();
    // With cascading updates this would carry the category's products and their options along.
    const category = await db.category.findFirstOrThrow({ where: { tenantId: northwind, products: { some: {} } } });
    await expect(
      db.$executeRawUnsafe(`UPDATE "Category" SET tenantId = ? WHERE id = ?`, lumen, category.id),
    ).rejects.toThrow(/FOREIGN KEY/i);
    expect((await db.category.findUniqueOrThrow({ where: { id: category.id } })).tenantId).toBe(northwind);
  });

  it("keeps emails unique per store, not across stores", async () => {
    const db = await getDb();
    const { northwind, lumen } = await getTenantIds();
    const data = { email: "same@example.test", passwordHash: "x" };
    await db.user.create({ data: { ...data, tenantId: northwind } });
    await db.user.create({ data: { ...data, tenantId: lumen } });
    await expect(db.user.create({ data: { ...data, tenantId: northwind } })).rejects.toThrow();
  });

  it("has the seeded stores, hosts and demo catalog", async () => {
    const db = await getDb();
    for (const store of SEEDED.stores) {
      const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: store.slug }, include: { domains: true } });
      expect(tenant.domains.map((d) => d.host).sort()).toEqual([...store.hosts].sort());
      expect(await db.category.count({ where: { tenantId: tenant.id } })).toBeGreaterThanOrEqual(4);
      expect(await db.product.count({ where: { tenantId: tenant.id } })).toBeGreaterThanOrEqual(30);
      const variants = await db.variant.groupBy({ by: ["productId"], where: { tenantId: tenant.id }, _count: true });
      expect(variants.every((v) => v._count >= 1 && v._count <= 4)).toBe(true);
      expect(await db.variant.count({ where: { tenantId: tenant.id, stock: 0 } })).toBeGreaterThan(0);
    }
    const admin = await db.user.findFirstOrThrow({ where: { role: "ADMINISTRATOR" }, include: { tenant: true } });
    expect(admin.tenant.kind).toBe("PLATFORM");
    expect(admin.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
