import { buildProductJsonLd, serializeJsonLd, type ProductDetailDto } from "@/lib/catalog";
import type { TenantDto } from "@/lib/tenancy";
import { getCanonicalOrigin } from "@/lib/tenancy/store-origin";

/**
 * The product as schema.org JSON-LD, for search engines. A data block, never executed (the CSP
 * governs what runs); serialized so nothing in a title can end the element.
 */
export async function ProductJsonLd({ tenant, product }: { tenant: TenantDto; product: ProductDetailDto }) {
  const data = buildProductJsonLd(product, {
    name: tenant.name,
    currency: tenant.currency,
    origin: await getCanonicalOrigin(tenant),
  });
  return <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />;
}
