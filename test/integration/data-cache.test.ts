import { beforeAll, describe, expect, it } from "vitest";
import {
  findCategoryBySlug,
  getProductBySlug,
  listCategories,
  listListingFacets,
  listProducts,
  parseListingQuery,
} from "@/lib/catalog";
import { adjustStock, updateProduct, updateVariant } from "@/lib/catalog/manage-products";
import { getTenantDb, type TenantDb } from "@/lib/db";
import { findTenantByHost } from "@/lib/tenancy";
import { setTenantStatus } from "@/lib/tenancy/admin-tenants";
import { createProductWithOption } from "../support/catalog-fixtures";
import { getDb, getTenantIds, type SeededTenantIds } from "../support/db";

// Issue 14, item 1: catalog reads are cached per store and invalidated by the writes that change
// them. Every read below is made twice where it matters: once to fill the cache, once to see
// what the cache answers after the change.

let ids: SeededTenantIds;
let northwind: TenantDb;
let lumen: TenantDb;
type Actor = { id: string; email: string; tenantId: string };
const actors: Record<"northwind" | "lumen", Actor> = {} as never;
const admin = { email: "admin@bulwark.test", ip: "127.0.0.1" };
const query = (params: Record<string, string> = {}) => parseListingQuery(params, "USD");

beforeAll(async () => {
  ids = await getTenantIds();
  northwind = await getTenantDb(ids.northwind);
  lumen = await getTenantDb(ids.lumen);
  const platform = await getDb();
  for (const store of ["northwind", "lumen"] as const) {
    const merchant = await platform.user.findFirstOrThrow({ where: { tenantId: ids[store], role: "MERCHANT" } });
    actors[store] = { id: merchant.id, email: merchant.email, tenantId: ids[store] };
  }
});

/** The same category and product slugs in both stores, with different titles and prices. */
async function createTwins(): Promise<Record<"northwind" | "lumen", { productId: string; variantId: string }>> {
  const platform = await getDb();
  const made = {} as Record<"northwind" | "lumen", { productId: string; variantId: string }>;
  for (const [store, db, price] of [
    ["northwind", northwind, 1111],
    ["lumen", lumen, 2222],
  ] as const) {
    const category = await platform.category.create({
      data: { tenantId: ids[store], slug: "twin-shelf", name: `Twin shelf of ${store}` },
    });
    const { id, variantId } = await createProductWithOption(
      db,
      actors[store],
      {
        title: `Twin lamp of ${store}`,
        slug: "twin-lamp",
        description: `sold by ${store}`,
        categoryId: category.id,
        status: "ACTIVE",
        featured: false,
      },
      { sku: "TWIN-1", priceMinor: price },
    );
    await updateVariant(db, actors[store], { id: variantId, title: "One", size: `size-${store}` });
    const variant = { id: variantId };
    made[store] = { productId: id, variantId: variant.id };
  }
  return made;
}

describe("the catalog cache", () => {
  it("never serves one store's entry to another store with the same slugs", async () => {
    await createTwins();
    // Fill the cache from Northwind first, then read the same keys for Lumen.
    for (const [store, tenantId] of [
      ["northwind", ids.northwind],
      ["lumen", ids.lumen],
      ["northwind", ids.northwind],
    ] as const) {
      const product = await getProductBySlug(tenantId, "twin-lamp");
      expect(product?.title).toBe(`Twin lamp of ${store}`);
      expect(product?.variants[0]?.priceMinor).toBe(store === "northwind" ? 1111 : 2222);
      const category = await findCategoryBySlug(tenantId, "twin-shelf");
      expect(category?.name).toBe(`Twin shelf of ${store}`);
      expect((await listCategories(tenantId)).filter((c) => c.slug === "twin-shelf")).toEqual([
        { slug: "twin-shelf", name: `Twin shelf of ${store}`, description: "" },
      ]);
      const listing = await listProducts({ tenantId, categoryId: category!.id }, query());
      expect(listing.items.map((item) => item.title)).toEqual([`Twin lamp of ${store}`]);
      const facets = await listListingFacets({ tenantId, categoryId: category!.id });
      expect(facets.sizes).toEqual([`size-${store}`]);
    }
    // A category id of the other store finds nothing, cached or not.
    const lumenShelf = await findCategoryBySlug(ids.lumen, "twin-shelf");
    expect((await listProducts({ tenantId: ids.northwind, categoryId: lumenShelf!.id }, query())).total).toBe(0);
  });

  it("shows a price edit, a stock change and a status change at once", async () => {
    const platform = await getDb();
    const product = await platform.product.findFirstOrThrow({
      where: { tenantId: ids.northwind, status: "ACTIVE", slug: { not: "twin-lamp" } },
      include: { variants: { orderBy: [{ position: "asc" }, { sku: "asc" }] } },
    });
    const variant = product.variants[0]!;
    const scope = { tenantId: ids.northwind, categoryId: product.categoryId };
    const cardOf = async () =>
      (
        await listProducts(scope, { ...query({ sort: "price-asc" }), page: 1, size: variant.size ?? undefined })
      ).items.find((item) => item.slug === product.slug);

    expect((await getProductBySlug(ids.northwind, product.slug))?.variants[0]?.priceMinor).toBe(variant.priceMinor);
    expect(await cardOf()).toBeDefined();

    await updateVariant(northwind, actors.northwind, { id: variant.id, priceMinor: 1 });
    expect((await getProductBySlug(ids.northwind, product.slug))?.variants[0]?.priceMinor).toBe(1);
    expect((await cardOf())?.minPriceMinor).toBe(1);

    await adjustStock(northwind, actors.northwind, { id: variant.id, delta: 7, reason: "delivery" });
    expect((await getProductBySlug(ids.northwind, product.slug))?.variants[0]?.stock).toBe(variant.stock + 7);

    await updateProduct(northwind, actors.northwind, { id: product.id, status: "DRAFT" });
    expect(await getProductBySlug(ids.northwind, product.slug)).toBeNull();
    expect(await cardOf()).toBeUndefined();
  });

  it("hands out values no request can change for the next one", async () => {
    const listing = await listProducts({ tenantId: ids.lumen }, query());
    const product = await getProductBySlug(ids.lumen, listing.items[0]!.slug);
    expect(() => listing.items.pop()).toThrow(TypeError);
    expect((await listProducts({ tenantId: ids.lumen }, query())).items).toHaveLength(
      listing.total > 11 ? 12 : listing.total,
    );
    expect(() => {
      (product!.variants[0] as { priceMinor: number }).priceMinor = 0;
    }).toThrow(TypeError);
    expect((await getProductBySlug(ids.lumen, product!.slug))?.variants[0]?.priceMinor).not.toBe(0);
  });
});

describe("the host look-up cache", () => {
  it("forgets a suspended store at once, and knows it again when it is reinstated", async () => {
    const host = (await (await getDb()).tenantDomain.findFirstOrThrow({ where: { tenantId: ids.lumen } })).host;
    expect((await findTenantByHost(host))?.id).toBe(ids.lumen);
    expect((await findTenantByHost(host))?.id).toBe(ids.lumen);
    await setTenantStatus("lumen", "SUSPENDED", admin);
    expect(await findTenantByHost(host)).toBeNull();
    await setTenantStatus("lumen", "ACTIVE", admin);
    expect((await findTenantByHost(host))?.id).toBe(ids.lumen);
  });
});
