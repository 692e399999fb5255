import "server-only";
import { cachedQuery, getTenantDb, type Prisma } from "@/lib/db";
import { CATALOG_TTL_MS, catalogTags } from "./catalog-cache";
import { PAGE_SIZE, toSearchTerms, type ListingQuery } from "./listing-query";
import type { ListingFacets, ProductCardDto, ProductPage } from "./types";

type ListingScope = { tenantId: string; categoryId?: string };

function buildWhere(scope: ListingScope, query: ListingQuery): Prisma.ProductWhereInput {
  const variantFilter: Prisma.VariantWhereInput = {
    ...(query.minPriceMinor !== undefined || query.maxPriceMinor !== undefined
      ? { priceMinor: { gte: query.minPriceMinor, lte: query.maxPriceMinor } }
      : {}),
    ...(query.inStock ? { stock: { gt: 0 } } : {}),
    ...(query.size ? { size: query.size } : {}),
    ...(query.color ? { color: query.color } : {}),
  };
  const terms = toSearchTerms(query.q);
  return {
    tenantId: scope.tenantId,
    status: "ACTIVE",
    ...(scope.categoryId ? { categoryId: scope.categoryId } : {}),
    // One variant must satisfy every variant filter at once: "size M, in stock, under 50".
    ...(Object.keys(variantFilter).length > 0 ? { variants: { some: variantFilter } } : {}),
    ...(terms.length > 0
      ? { AND: terms.map((term) => ({ OR: [{ title: { contains: term } }, { description: { contains: term } }] })) }
      : {}),
  };
}

function buildOrderBy(sort: ListingQuery["sort"]): Prisma.ProductOrderByWithRelationInput[] {
  switch (sort) {
    case "newest":
      return [{ createdAt: "desc" }, { id: "asc" }];
    case "price-asc":
      return [{ minPriceMinor: "asc" }, { id: "asc" }];
    case "price-desc":
      return [{ minPriceMinor: "desc" }, { id: "asc" }];
    case "featured":
      return [{ featured: "desc" }, { createdAt: "desc" }, { id: "asc" }];
  }
}

const cardSelect = {
  slug: true,
  title: true,
  minPriceMinor: true,
  variants: { select: { priceMinor: true, stock: true } },
  images: { select: { path: true, alt: true, width: true, height: true }, orderBy: { position: "asc" }, take: 1 },
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
    const db = await getTenantDb(scope.tenantId);
    const where = buildWhere(scope, query);
    const total = await db.product.count({ where });
    const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
    const page = Math.min(query.page, pageCount);
    const rows = await db.product.findMany({
      where,
      orderBy: buildOrderBy(query.sort),
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: cardSelect,
    });
    return { items: rows.map(toCard), total, page, pageCount };
  },
);

export const listFeaturedProducts = cachedQuery(
  { namespace: "catalog.featured", ttlMs: CATALOG_TTL_MS, tags: catalogTags },
  async (tenantId: string, limit: number = 8): Promise<ProductCardDto[]> => {
    const db = await getTenantDb(tenantId);
    const rows = await db.product.findMany({
      where: { tenantId, status: "ACTIVE", featured: true },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
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
