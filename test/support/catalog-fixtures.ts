import { createProduct, createVariant, updateProduct } from "@/lib/catalog/manage-products";
import type { TenantDb } from "@/lib/db";

type Actor = { id: string; email: string; tenantId: string };
type Fields = Parameters<typeof createProduct>[2];

/**
 * A product the way a merchant makes one (issue 16): created as a draft, given one priced option,
 * then set to the status asked for — an Active product always has an option with a price.
 */
export async function createProductWithOption(
  db: TenantDb,
  actor: Actor,
  fields: Fields,
  option: { sku?: string; priceMinor?: number; stock?: number } = {},
): Promise<{ id: string; variantId: string }> {
  const { id } = await createProduct(db, actor, { ...fields, status: "DRAFT" });
  const sku = option.sku ?? `T-${fields.slug.toUpperCase()}`.slice(0, 40);
  const variant = await createVariant(db, actor, {
    id,
    sku,
    title: "Standard",
    priceMinor: option.priceMinor ?? 1000,
    stock: option.stock ?? 1,
  });
  if (fields.status !== "DRAFT") await updateProduct(db, actor, { id, status: fields.status });
  return { id, variantId: variant.id };
}
