import { beforeAll, describe, expect, it } from "vitest";
import {
  findCategoryBySlug,
  getProductBySlug,
  listFeaturedProducts,
  listListingFacets,
  listProducts,
  parseListingQuery,
} from "@/lib/catalog";
import { PAGE_SIZE } from "@/lib/catalog/listing-query";
import { getDb, getTenantIds, type SeededTenantIds } from "../support/db";

let ids: SeededTenantIds;
const northwind = () => ids.northwind;
const lumen = () => ids.lumen;
const query = (params: Record<string, string> = {}) => parseListingQuery(params, "USD");

beforeAll(async () => {
  ids = await getTenantIds();
});

describe("listProducts", () => {
  it("lists only the tenant's active products, a page at a time", async () => {
    const db = await getDb();
    const active = await db.product.count({ where: { tenantId: northwind(), status: "ACTIVE" } });
    const first = await listProducts({ tenantId: northwind() }, query());
    expect(first.total).toBe(active);
    expect(first.items).toHaveLength(PAGE_SIZE);
    expect(first.pageCount).toBe(Math.ceil(active / PAGE_SIZE));
    const lumenSlugs = new Set((await db.product.findMany({ where: { tenantId: lumen() } })).map((p) => p.slug));
    expect(first.items.some((item) => lumenSlugs.has(item.slug))).toBe(false);
  });

  it("clamps a page past the end to the last page", async () => {
    const result = await listProducts({ tenantId: northwind() }, query({ page: "500" }));
    expect(result.page).toBe(result.pageCount);
    expect(result.items.length).toBeGreaterThan(0);
  });

  it("sorts by price both ways and by newest", async () => {
    const all = (sort: string) => listProducts({ tenantId: northwind() }, { ...query({ sort }), page: 1 });
    const asc = (await all("price-asc")).items.map((i) => i.minPriceMinor);
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    const desc = (await all("price-desc")).items.map((i) => i.minPriceMinor);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    const db = await getDb();
    const newest = await db.product.findFirst({
      where: { tenantId: northwind(), status: "ACTIVE" },
      orderBy: { createdAt: "desc" },
    });
    expect((await all("newest")).items[0]?.slug).toBe(newest?.slug);
  });

  it("filters by price range against a variant's price", async () => {
    const result = await listProducts({ tenantId: northwind() }, query({ min: "50", max: "100" }));
    const db = await getDb();
    for (const item of result.items) {
      const variants = await db.variant.findMany({ where: { tenantId: northwind(), product: { slug: item.slug } } });
      expect(variants.some((v) => v.priceMinor >= 5000 && v.priceMinor <= 10000)).toBe(true);
    }
    expect(result.total).toBeGreaterThan(0);
  });

  it("filters to products with a variant that is in stock in the chosen size", async () => {
    const jackets = await findCategoryBySlug(northwind(), "jackets");
    const scope = { tenantId: northwind(), categoryId: jackets!.id };
    const result = await listProducts(scope, query({ size: "M", inStock: "1" }));
    const db = await getDb();
    expect(result.total).toBeGreaterThan(0);
    for (const item of result.items) {
      const match = await db.variant.findFirst({
        where: { tenantId: northwind(), product: { slug: item.slug }, size: "M", stock: { gt: 0 } },
      });
      expect(match, item.slug).not.toBeNull();
    }
    const unfiltered = await listProducts(scope, query());
    expect(unfiltered.total).toBeGreaterThanOrEqual(result.total);
  });

  it("searches title and description, every term must match", async () => {
    const wool = await listProducts({ tenantId: northwind() }, query({ q: "merino" }));
    expect(wool.items.map((i) => i.slug)).toEqual(expect.arrayContaining(["meridian-merino-tee", "alpine-beanie"]));
    const both = await listProducts({ tenantId: northwind() }, query({ q: "merino socks" }));
    expect(both.items.map((i) => i.slug)).toEqual(["hiker-wool-socks-3-pack"]);
    const upper = await listProducts({ tenantId: northwind() }, query({ q: "MERINO" }));
    expect(upper.total).toBe(wool.total);
  });

  it("never finds another store's products", async () => {
    const result = await listProducts({ tenantId: northwind() }, query({ q: "pendant lamp" }));
    expect(result.total).toBe(0);
    const lumenResult = await listProducts({ tenantId: lumen() }, parseListingQuery({ q: "pendant" }, "EUR"));
    expect(lumenResult.items.map((i) => i.slug)).toContain("halo-pendant-lamp");
  });

  it("treats SQL wildcards in search text as text", async () => {
    expect((await listProducts({ tenantId: northwind() }, query({ q: "%%" }))).total).toBe(
      (await listProducts({ tenantId: northwind() }, query())).total,
    );
    expect((await listProducts({ tenantId: northwind() }, query({ q: "zz%zz" }))).total).toBe(0);
  });

  it("hides draft and archived products", async () => {
    const db = await getDb();
    await db.product.update({
      where: { tenantId_slug: { tenantId: northwind(), slug: "trail-cap" } },
      data: { status: "DRAFT" },
    });
    const result = await listProducts({ tenantId: northwind() }, query({ q: "cap" }));
    expect(result.items.map((i) => i.slug)).not.toContain("trail-cap");
    expect(await getProductBySlug(northwind(), "trail-cap")).toBeNull();
  });
});

describe("getProductBySlug", () => {
  it("returns the product with its variants and images, and no internal ids", async () => {
    const product = await getProductBySlug(northwind(), "ridgeline-shell-jacket");
    expect(product).toMatchObject({ title: "Ridgeline Shell Jacket", category: { slug: "jackets" } });
    expect(product!.variants.length).toBeGreaterThanOrEqual(1);
    expect(product!.images[0]?.path).toMatch(/^\/assets\/catalog\/northwind\//);
    expect(JSON.stringify(product)).not.toContain(northwind());
  });

  it("answers null for another tenant's slug", async () => {
    expect(await getProductBySlug(lumen(), "ridgeline-shell-jacket")).toBeNull();
    expect(await getProductBySlug(northwind(), "x".repeat(500))).toBeNull();
  });
});

describe("facets and featured", () => {
  it("offers the sizes and colours of the listing's scope in a natural order", async () => {
    const footwear = await findCategoryBySlug(northwind(), "footwear");
    const facets = await listListingFacets({ tenantId: northwind(), categoryId: footwear!.id });
    expect(facets.sizes).toEqual([...facets.sizes].sort((a, b) => Number(a) - Number(b)));
    expect(facets.sizes).toContain("42");
    expect(facets.colors).toEqual([]);
  });

  it("lists featured products of the tenant only", async () => {
    const featured = await listFeaturedProducts(lumen());
    expect(featured.length).toBeGreaterThan(0);
    const db = await getDb();
    for (const item of featured) {
      expect(
        await db.product.findFirst({ where: { tenantId: lumen(), slug: item.slug, featured: true } }),
      ).not.toBeNull();
    }
  });
});
