import { describe, expect, it } from "vitest";
import { buildProductJsonLd, serializeJsonLd } from "@/lib/catalog/product-json-ld";
import type { ProductDetailDto } from "@/lib/catalog";

const product: ProductDetailDto = {
  slug: "trail-shell",
  title: 'Trail shell </script><script>alert("x")</script>',
  description: "Light & waterproof",
  category: { slug: "jackets", name: "Jackets", description: "" },
  images: [{ path: "/assets/catalog/northwind/trail-shell.svg", alt: "Trail shell", width: 800, height: 800 }],
  variants: [
    { id: "v1", sku: "TS-S", title: "S", size: "S", color: null, priceMinor: 12900, stock: 0 },
    { id: "v2", sku: "TS-M", title: "M", size: "M", color: null, priceMinor: 13900, stock: 4 },
  ],
} as ProductDetailDto;

const store = { name: "Northwind Outfitters", currency: "USD", origin: "https://northwind.example" };

describe("product JSON-LD", () => {
  it("describes the product from our own rows: prices in major units, availability, absolute URLs", () => {
    expect(buildProductJsonLd(product, store)).toMatchObject({
      "@type": "Product",
      url: "https://northwind.example/products/trail-shell",
      image: ["https://northwind.example/assets/catalog/northwind/trail-shell.svg"],
      brand: { name: "Northwind Outfitters" },
      offers: {
        "@type": "AggregateOffer",
        priceCurrency: "USD",
        lowPrice: "129.00",
        highPrice: "139.00",
        offerCount: 2,
        availability: "https://schema.org/InStock",
      },
    });
    const soldOut = { ...product, variants: product.variants.map((v) => ({ ...v, stock: 0 })) };
    expect(buildProductJsonLd(soldOut, store)).toMatchObject({
      offers: { availability: "https://schema.org/OutOfStock" },
    });
  });

  it("cannot be broken out of: no '<', '>' or '&' survives serialization, and it parses back unchanged", () => {
    const data = buildProductJsonLd(product, store);
    const text = serializeJsonLd(data);
    expect(text).not.toMatch(/[<>&]/);
    expect(JSON.parse(text)).toEqual(data);
  });
});
