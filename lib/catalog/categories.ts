import "server-only";
import { cache } from "react";
import { getTenantDb } from "@/lib/db";
import type { CategoryDto } from "./types";

const categorySelect = { slug: true, name: true, description: true } as const;

export const listCategories = cache(async (tenantId: string): Promise<CategoryDto[]> => {
  const db = await getTenantDb(tenantId);
  return db.category.findMany({
    where: { tenantId },
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: categorySelect,
  });
});

/** Categories as choices for the merchant console's product form. */
export async function listCategoryOptions(tenantId: string): Promise<{ id: string; name: string }[]> {
  const db = await getTenantDb(tenantId);
  return db.category.findMany({ select: { id: true, name: true }, orderBy: [{ position: "asc" }, { name: "asc" }] });
}

export async function findCategoryBySlug(
  tenantId: string,
  slug: string,
): Promise<(CategoryDto & { id: string }) | null> {
  if (slug.length > 100) return null;
  const db = await getTenantDb(tenantId);
  return db.category.findFirst({ where: { tenantId, slug }, select: { ...categorySelect, id: true } });
}
