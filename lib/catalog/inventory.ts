import "server-only";
import { getTenantDb } from "@/lib/db";
import { LOW_STOCK_THRESHOLD } from "./stock-label";

export type InventorySummary = {
  activeProducts: number;
  draftProducts: number;
  variants: number;
  outOfStock: number;
  lowStock: { productTitle: string; productSlug: string; sku: string; title: string; stock: number }[];
};

/** The merchant dashboard's overview of one store's stock. */
export async function getInventorySummary(tenantId: string): Promise<InventorySummary> {
  const db = await getTenantDb(tenantId);
  const [activeProducts, draftProducts, variants, outOfStock, low] = await Promise.all([
    db.product.count({ where: { tenantId, status: "ACTIVE" } }),
    db.product.count({ where: { tenantId, status: "DRAFT" } }),
    db.variant.count({ where: { tenantId } }),
    db.variant.count({ where: { tenantId, stock: { lte: 0 } } }),
    db.variant.findMany({
      where: { tenantId, stock: { lte: LOW_STOCK_THRESHOLD } },
      orderBy: [{ stock: "asc" }, { sku: "asc" }],
      take: 25,
      select: { sku: true, title: true, stock: true, product: { select: { title: true, slug: true } } },
    }),
  ]);
  return {
    activeProducts,
    draftProducts,
    variants,
    outOfStock,
    lowStock: low.map((v) => ({
      productTitle: v.product.title,
      productSlug: v.product.slug,
      sku: v.sku,
      title: v.title,
      stock: v.stock,
    })),
  };
}
