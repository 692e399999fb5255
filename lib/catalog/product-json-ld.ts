// Pure: the schema.org Product a product page describes itself with (search engines read it as
// JSON-LD). Built from our own rows only; serialized so no value can close the script element.
import type { ProductDetailDto } from "./types";

export type JsonLdStore = { name: string; currency: string; origin: string };

const toMajor = (minor: number) => (minor / 100).toFixed(2);

export function buildProductJsonLd(product: ProductDetailDto, store: JsonLdStore): Record<string, unknown> {
  const url = `${store.origin}/products/${encodeURIComponent(product.slug)}`;
  const prices = product.variants.map((variant) => variant.priceMinor);
  const inStock = product.variants.some((variant) => variant.stock > 0);
  return {
    "@context": "https://schema.org",
    "@type": "Product",
    name: product.title,
    description: product.description,
    url,
    category: product.category.name,
    brand: { "@type": "Brand", name: store.name },
    ...(product.images.length ? { image: product.images.map((image) => `${store.origin}${image.path}`) } : {}),
    ...(product.variants.length === 1 ? { sku: product.variants[0]!.sku } : {}),
    ...(prices.length
      ? {
          offers: {
            "@type": "AggregateOffer",
            priceCurrency: store.currency,
            lowPrice: toMajor(Math.min(...prices)),
            highPrice: toMajor(Math.max(...prices)),
            offerCount: prices.length,
            availability: inStock ? "https://schema.org/InStock" : "https://schema.org/OutOfStock",
            url,
          },
        }
      : {}),
  };
}

/** JSON for a <script type="application/ld+json">: `<`, `>` and `&` escaped, so "</script>" in a title stays text. */
export function serializeJsonLd(data: unknown): string {
  return JSON.stringify(data).replace(/</g, "\\u003c").replace(/>/g, "\\u003e").replace(/&/g, "\\u0026");
}
