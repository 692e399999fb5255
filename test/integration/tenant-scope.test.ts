import { beforeAll, describe, expect, it } from "vitest";
import { getPlatformDb, getTenantDb, Prisma, TenantScopeViolation, type TenantDb } from "@/lib/db";
import { scopeOperation, TENANT_SCOPED_MODELS, UNSCOPED_MODELS } from "@/lib/db/tenant-scope";
import { getTenantIds, type SeededTenantIds } from "../support/db";
import { tagAsvs } from "@/security/asvs-ids";

let ids: SeededTenantIds;
let a: TenantDb;
let foreignProduct: { id: string; slug: string; title: string; categoryId: string };

beforeAll(async () => {
  ids = await getTenantIds();
  a = await getTenantDb(ids.northwind);
  const platform = await getPlatformDb();
  foreignProduct = await platform.product.findFirstOrThrow({ where: { tenantId: ids.lumen } });
});

describe("model lists", () => {
  it("name every model exactly once, and only tenant-owned models are scoped", () => {
    const all = Object.values(Prisma.ModelName).sort();
    expect([...TENANT_SCOPED_MODELS, ...UNSCOPED_MODELS].sort()).toEqual(all);
    for (const model of all) {
      const fields = Object.values(
        (Prisma as unknown as Record<string, Record<string, string>>)[`${model}ScalarFieldEnum`]!,
      );
      expect(fields.includes("tenantId"), model).toBe((TENANT_SCOPED_MODELS as readonly string[]).includes(model));
    }
  });
});

describe("a tenant client", () => {
  it(`${tagAsvs("V4.2.1")} reads only its own rows, whatever the query`, async () => {
    expect(await a.product.findUnique({ where: { id: foreignProduct.id } })).toBeNull();
    expect(await a.product.findFirst({ where: { slug: foreignProduct.slug } })).toBeNull();
    await expect(a.product.findUniqueOrThrow({ where: { id: foreignProduct.id } })).rejects.toThrow();
    const all = await a.product.findMany({ select: { tenantId: true } });
    expect(new Set(all.map((p) => p.tenantId))).toEqual(new Set([ids.northwind]));
    const platform = await getPlatformDb();
    expect(await a.product.count()).toBe(await platform.product.count({ where: { tenantId: ids.northwind } }));
    const aggregate = await a.variant.aggregate({ _sum: { stock: true } });
    const own = await platform.variant.aggregate({ where: { tenantId: ids.northwind }, _sum: { stock: true } });
    expect(aggregate._sum.stock).toBe(own._sum.stock);
    const groups = await a.variant.groupBy({ by: ["tenantId"], _count: true });
    expect(groups.map((g) => g.tenantId)).toEqual([ids.northwind]);
  });

  it("sees only its own tenant row and no Stripe events", async () => {
    expect((await a.tenant.findMany()).map((t) => t.id)).toEqual([ids.northwind]);
    await expect(a.tenant.update({ where: { id: ids.northwind }, data: { name: "x" } })).rejects.toBeInstanceOf(
      TenantScopeViolation,
    );
    await expect(a.webhookEvent.findMany()).rejects.toBeInstanceOf(TenantScopeViolation);
  });

  it("keeps batched findUnique calls in one tick apart", async () => {
    const platform = await getPlatformDb();
    const mine = await platform.product.findFirstOrThrow({ where: { tenantId: ids.northwind } });
    const [own, foreign] = await Promise.all([
      a.product.findUnique({ where: { id: mine.id } }),
      a.product.findUnique({ where: { id: foreignProduct.id } }),
    ]);
    expect(own?.id).toBe(mine.id);
    expect(foreign).toBeNull();
  });

  it(`${tagAsvs("V4.2.1")} cannot update or delete another tenant's rows`, async () => {
    await expect(a.product.update({ where: { id: foreignProduct.id }, data: { title: "hijacked" } })).rejects.toThrow();
    expect((await a.product.updateMany({ where: { id: foreignProduct.id }, data: { title: "hijacked" } })).count).toBe(
      0,
    );
    await expect(a.product.delete({ where: { id: foreignProduct.id } })).rejects.toThrow();
    expect((await a.product.deleteMany({ where: { id: foreignProduct.id } })).count).toBe(0);
    const platform = await getPlatformDb();
    expect((await platform.product.findUniqueOrThrow({ where: { id: foreignProduct.id } })).title).toBe(
      foreignProduct.title,
    );
  });

  it("stamps its tenant on creates and refuses another tenant's id", async () => {
    const category = await a.category.create({ data: { slug: "scoped-create", name: "Scoped" } as never });
    expect(category.tenantId).toBe(ids.northwind);
    await expect(
      a.category.create({ data: { slug: "foreign", name: "Foreign", tenantId: ids.lumen } }),
    ).rejects.toBeInstanceOf(TenantScopeViolation);
    await a.category.createMany({
      data: [
        { slug: "many-1", name: "M1" },
        { slug: "many-2", name: "M2" },
      ] as never,
    });
    const platform = await getPlatformDb();
    expect(
      await platform.category.count({ where: { slug: { in: ["many-1", "many-2"] }, tenantId: ids.northwind } }),
    ).toBe(2);
    await expect(
      a.category.createMany({
        data: [{ slug: "ok", name: "ok" } as never, { slug: "bad", name: "bad", tenantId: ids.lumen }],
      }),
    ).rejects.toBeInstanceOf(TenantScopeViolation);
  });

  it("scopes both halves of an upsert", async () => {
    const foreignCategory = await (await getPlatformDb()).category.findFirstOrThrow({ where: { tenantId: ids.lumen } });
    // Asked to upsert the other store's category by its compound key: refused outright.
    await expect(
      a.category.upsert({
        where: { tenantId_slug: { tenantId: ids.lumen, slug: foreignCategory.slug } },
        create: { slug: "x", name: "x" } as never,
        update: { name: "hijacked" },
      }),
    ).rejects.toBeInstanceOf(TenantScopeViolation);
    // By id: the where is scoped, so the foreign row is not found and our own row is created.
    const created = await a.category.upsert({
      where: { id: foreignCategory.id },
      create: { slug: "upserted", name: "Upserted" } as never,
      update: { name: "hijacked" },
    });
    expect(created.tenantId).toBe(ids.northwind);
    expect((await (await getPlatformDb()).category.findUniqueOrThrow({ where: { id: foreignCategory.id } })).name).toBe(
      foreignCategory.name,
    );
    await expect(
      a.category.upsert({
        where: { id: created.id },
        create: { slug: "y", name: "y" } as never,
        update: { tenantId: ids.lumen },
      }),
    ).rejects.toBeInstanceOf(TenantScopeViolation);
  });

  it("checks the whole write tree: depth, the tenant relation and tenantId at every level, scalar set", async () => {
    const own = await a.category.findFirstOrThrow();
    // A scalar `{ set }` is an ordinary update, not a relation write.
    await expect(
      a.category.update({ where: { id: own.id }, data: { name: { set: "Renamed" } } }),
    ).resolves.toMatchObject({ name: "Renamed" });
    // A relation `set` (a list) is refused like connect.
    expect(() =>
      scopeOperation("Product", "update", { where: { id: "x" }, data: { images: { set: [] } } }, "t1"),
    ).toThrow(TenantScopeViolation);
    // The tenant relation, named deep inside a nested create, is refused.
    expect(() =>
      scopeOperation(
        "Product",
        "create",
        { data: { slug: "p", variants: { create: [{ sku: "S", tenant: { create: { slug: "evil" } } }] } } },
        "t1",
      ),
    ).toThrow(/tenant relation/);
    // Another tenant's id in a nested create is refused, this client's own is fine.
    expect(() =>
      scopeOperation(
        "Product",
        "create",
        { data: { slug: "p", variants: { create: { sku: "S", tenantId: "t2" } } } },
        "t1",
      ),
    ).toThrow(/names another tenant/);
    expect(
      scopeOperation(
        "Product",
        "create",
        { data: { slug: "p", variants: { create: { sku: "S", tenantId: "t1" } } } },
        "t1",
      ),
    ).toMatchObject({ data: { tenantId: "t1" } });
    // A tree deeper than the checker reads is refused rather than waved through.
    let deep: Record<string, unknown> = { connect: { id: "x" } };
    for (let i = 0; i < 12; i++) deep = { items: { create: deep } };
    expect(() => scopeOperation("Cart", "create", { data: deep }, "t1")).toThrow(TenantScopeViolation);
  });

  it("cannot move a row to another tenant", async () => {
    const own = await a.category.findFirstOrThrow();
    await expect(a.category.update({ where: { id: own.id }, data: { tenantId: ids.lumen } })).rejects.toBeInstanceOf(
      TenantScopeViolation,
    );
    await expect(a.category.updateMany({ data: { tenantId: ids.lumen } })).rejects.toBeInstanceOf(TenantScopeViolation);
  });

  it("makes nested creates inherit the tenant, and refuses a connect to another tenant's row", async () => {
    const category = await a.category.findFirstOrThrow();
    const product = await a.product.create({
      data: {
        slug: "nested-create",
        title: "Nested",
        categoryId: category.id,
        variants: { create: [{ sku: "NESTED-1", title: "One", priceMinor: 100 }] },
      } as never,
      include: { variants: true },
    });
    expect(product.variants[0]?.tenantId).toBe(ids.northwind);
    const foreignCategory = await (await getPlatformDb()).category.findFirstOrThrow({ where: { tenantId: ids.lumen } });
    await expect(
      a.product.create({ data: { slug: "cross-connect", title: "Cross", categoryId: foreignCategory.id } as never }),
    ).rejects.toThrow();
    // A connect over the composite key would copy the target's tenantId into the row: refused.
    await expect(
      a.product.update({ where: { id: product.id }, data: { category: { connect: { id: foreignCategory.id } } } }),
    ).rejects.toBeInstanceOf(TenantScopeViolation);
    await expect(
      a.product.update({ where: { id: product.id }, data: { categoryId: foreignCategory.id } }),
    ).rejects.toThrow(/Foreign key/i);
    expect(await a.product.findUniqueOrThrow({ where: { id: product.id } })).toMatchObject({
      categoryId: category.id,
      tenantId: ids.northwind,
    });
  });

  it(`${tagAsvs("V5.3.4")} refuses raw queries`, async () => {
    await expect(a.$queryRawUnsafe("SELECT * FROM Product")).rejects.toBeInstanceOf(TenantScopeViolation);
    await expect(a.$executeRawUnsafe("DELETE FROM Product")).rejects.toBeInstanceOf(TenantScopeViolation);
    await expect(a.$queryRaw`SELECT 1`).rejects.toBeInstanceOf(TenantScopeViolation);
    await expect(a.$executeRaw`SELECT 1`).rejects.toBeInstanceOf(TenantScopeViolation);
  });

  it("stays scoped inside interactive transactions", async () => {
    const seen = await a.$transaction(async (tx) => {
      const mine = await tx.product.findMany({ select: { tenantId: true } });
      const foreign = await tx.product.findUnique({ where: { id: foreignProduct.id } });
      const updated = await tx.product.updateMany({
        where: { id: foreignProduct.id },
        data: { title: "in a transaction" },
      });
      return { tenants: new Set(mine.map((p) => p.tenantId)), foreign, updated: updated.count };
    });
    expect(seen).toEqual({ tenants: new Set([ids.northwind]), foreign: null, updated: 0 });
  });
});

describe("scopeOperation", () => {
  it("refuses operations it does not know, and conditions on tenantId it cannot prove", () => {
    expect(() => scopeOperation("Product", "findRaw", {}, "t1")).toThrow(TenantScopeViolation);
    expect(() => scopeOperation("Product", "findMany", { where: { tenantId: { in: ["t1", "t2"] } } }, "t1")).toThrow(
      TenantScopeViolation,
    );
    expect(scopeOperation("Product", "findMany", { where: { tenantId: { equals: "t1" } } }, "t1")).toEqual({
      where: { tenantId: "t1" },
    });
    expect(() => scopeOperation("Product", "create", { data: { tenant: { connect: { id: "t2" } } } }, "t1")).toThrow(
      TenantScopeViolation,
    );
  });
});
