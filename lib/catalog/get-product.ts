import "server-only";
import { cache } from "react";
import { cachedQuery, getTenantDb } from "@/lib/db";
import { CATALOG_TTL_MS, catalogTags } from "./catalog-cache";
import type { ProductDetailDto } from "./types";

const loadProduct = cachedQuery(
  // Unknown slugs are not kept: junk URLs take no room in the cache.
  { namespace: "catalog.product", ttlMs: CATALOG_TTL_MS, tags: catalogTags, keep: (product) => product !== null },
  async (tenantId: string, slug: string): Promise<ProductDetailDto | null> => {
    const db = await getTenantDb(tenantId);
    const product = await db.product.findFirst({
      where: { tenantId, slug, status: "ACTIVE" },
      select: {
        slug: true,
        title: true,
        description: true,
        category: { select: { slug: true, name: true, description: true } },
        images: {
          select: { path: true, alt: true, width: true, height: true, variantId: true },
          orderBy: { position: "asc" },
        },
        variants: {
          select: { id: true, sku: true, title: true, size: true, color: true, priceMinor: true, stock: true },
          orderBy: [{ position: "asc" }, { sku: "asc" }],
        },
      },
    });
    return product;
  },
);

/** An active product of this tenant by slug; null for unknown, draft or archived ones. */
export const getProductBySlug = cache(async (tenantId: string, slug: string): Promise<ProductDetailDto | null> => {
  if (slug.length > 120) return null;
  return loadProduct(tenantId, slug);
});
