import "server-only";
import { cache } from "react";
import { cachedQuery, getTenantDb } from "@/lib/db";
import { CATALOG_TTL_MS, catalogTags } from "./catalog-cache";
import type { CategoryDto } from "./types";

const categorySelect = { slug: true, name: true, description: true } as const;

// A store's categories are few and every storefront page needs them (header, footer, category
// pages), so the whole list is read once, cached per store, and slugs are found in it: a request
// for an unknown slug costs no query and adds no cache entry.
const loadCategories = cachedQuery(
  { namespace: "catalog.categories", ttlMs: CATALOG_TTL_MS, tags: catalogTags },
  async (tenantId: string): Promise<(CategoryDto & { id: string })[]> => {
    const db = await getTenantDb(tenantId);
    return db.category.findMany({
      where: { tenantId },
      orderBy: [{ position: "asc" }, { name: "asc" }],
      select: { ...categorySelect, id: true },
    });
  },
);

/** The store's categories for navigation: what the page renders, without internal ids. */
export const listCategories = cache(async (tenantId: string): Promise<CategoryDto[]> => {
  const categories = await loadCategories(tenantId);
  return categories.map(({ slug, name, description }) => ({ slug, name, description }));
});

/** Categories as choices for the merchant console's product form. */
export async function listCategoryOptions(tenantId: string): Promise<{ id: string; name: string }[]> {
  const db = await getTenantDb(tenantId);
  return db.category.findMany({ select: { id: true, name: true }, orderBy: [{ position: "asc" }, { name: "asc" }] });
}

/** Memoised per request: a category page's metadata and body both ask. */
export const findCategoryBySlug = cache(
  async (tenantId: string, slug: string): Promise<(CategoryDto & { id: string }) | null> => {
    if (slug.length > 100) return null;
    const categories = await loadCategories(tenantId);
    return categories.find((category) => category.slug === slug) ?? null;
  },
);
