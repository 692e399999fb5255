import "server-only";
import { cachedQuery, getTenantDb, type Prisma } from "@/lib/db";
import { CATALOG_TTL_MS, catalogTags } from "./catalog-cache";
import { PAGE_SIZE, type ListingQuery } from "./listing-query";
import { findListingPage, type ListingScope } from "./listing-sql";
import type { ListingFacets, ProductCardDto, ProductPage } from "./types";

const cardSelect = {
  id: true,
  slug: true,
  title: true,
  minPriceMinor: true,
  variants: { select: { priceMinor: true, stock: true } },
  // The product's own first image: an option's image (a colour) is for the product page.
  images: {
    where: { variantId: null },
    select: { path: true, alt: true, width: true, height: true },
    orderBy: { position: "asc" },
    take: 1,
  },
} as const satisfies Prisma.ProductSelect;

type CardRow = Prisma.ProductGetPayload<{ select: typeof cardSelect }>;

function toCard(row: CardRow): ProductCardDto {
  const prices = new Set(row.variants.map((v) => v.priceMinor));
  return {
    slug: row.slug,
    title: row.title,
    minPriceMinor: row.minPriceMinor,
    hasPriceRange: prices.size > 1,
    inStock: row.variants.some((v) => v.stock > 0),
    image: row.images[0] ?? null,
  };
}

/** One page of a listing; a page past the end is clamped to the last page. */
export const listProducts = cachedQuery(
  { namespace: "catalog.listing", ttlMs: CATALOG_TTL_MS, tags: catalogTags },
  async (scope: ListingScope, query: ListingQuery): Promise<ProductPage> => {
    const { ids, total, page } = await findListingPage(scope, query);
    const db = await getTenantDb(scope.tenantId);
    const rows = ids.length > 0 ? await db.product.findMany({ where: { id: { in: ids } }, select: cardSelect }) : [];
    const byId = new Map(rows.map((row) => [row.id, row]));
    const items = ids.flatMap((id) => {
      const row = byId.get(id);
      return row ? [toCard(row)] : [];
    });
    return { items, total, page, pageCount: Math.max(1, Math.ceil(total / PAGE_SIZE)) };
  },
);

export const listFeaturedProducts = cachedQuery(
  { namespace: "catalog.featured", ttlMs: CATALOG_TTL_MS, tags: catalogTags },
  async (tenantId: string, limit: number = 8): Promise<ProductCardDto[]> => {
    const db = await getTenantDb(tenantId);
    const rows = await db.product.findMany({
      where: { tenantId, status: "ACTIVE", featured: true },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit,
      select: cardSelect,
    });
    return rows.map(toCard);
  },
);

/**
 * The sizes and colours offered within a listing's scope, for its filter controls. SQLite
 * groups the variants, so what reaches JavaScript is one row per distinct pair, not one per variant.
 */
export const listListingFacets = cachedQuery(
  { namespace: "catalog.facets", ttlMs: CATALOG_TTL_MS, tags: catalogTags },
  async (scope: ListingScope): Promise<ListingFacets> => {
    const db = await getTenantDb(scope.tenantId);
    const pairs = await db.variant.groupBy({
      by: ["size", "color"],
      where: {
        tenantId: scope.tenantId,
        product: {
          tenantId: scope.tenantId,
          status: "ACTIVE",
          ...(scope.categoryId ? { categoryId: scope.categoryId } : {}),
        },
      },
    });
    const collect = (values: (string | null)[]) => [...new Set(values.filter((v): v is string => !!v))];
    return {
      sizes: sortSizes(collect(pairs.map((v) => v.size))),
      colors: collect(pairs.map((v) => v.color)).sort(),
    };
  },
);

const SIZE_ORDER = ["XXS", "XS", "S", "M", "L", "XL", "XXL"];

export function sortSizes(sizes: string[]): string[] {
  const rank = (size: string) => {
    const known = SIZE_ORDER.indexOf(size);
    if (known !== -1) return known;
    const numeric = Number.parseFloat(size);
    return Number.isNaN(numeric) ? 1000 : 100 + numeric;
  };
  return [...sizes].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

export async function listProductSlugsForSitemap(tenantId: string): Promise<{ slug: string; updatedAt: Date }[]> {
  const db = await getTenantDb(tenantId);
  return db.product.findMany({
    where: { tenantId, status: "ACTIVE" },
    orderBy: { slug: "asc" },
    select: { slug: true, updatedAt: true },
  });
}
