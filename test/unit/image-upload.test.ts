import { describe, expect, it } from "vitest";
import { inspectImage } from "@/lib/catalog/image-upload";
import { tinyPng } from "../support/images";
import { productFieldsSchema, adjustStockSchema, createVariantSchema } from "@/lib/catalog/product-schemas";
import { tagAsvs } from "@/security/asvs-ids";

function tinyJpeg(width: number, height: number): Uint8Array {
  return new Uint8Array([
    0xff,
    0xd8,
    0xff,
    0xe0,
    0x00,
    0x04,
    0x00,
    0x00,
    0xff,
    0xc0,
    0x00,
    0x11,
    0x08,
    height >> 8,
    height & 255,
    width >> 8,
    width & 255,
    3,
    0,
    0,
    0,
    0,
  ]);
}

function tinyWebp(): Uint8Array {
  const bytes = new Uint8Array(30);
  bytes.set([...new TextEncoder().encode("RIFF"), 0, 0, 0, 0, ...new TextEncoder().encode("WEBPVP8X")]);
  bytes.set([9, 0, 0, 4, 0, 0], 24); // 10 × 5
  return bytes;
}

describe("inspectImage", () => {
  it(`${tagAsvs("V12.2.1")} recognises PNG, JPEG and WebP by their bytes, with their dimensions`, () => {
    expect(inspectImage(tinyPng(640, 480))).toEqual({ type: "image/png", extension: "png", width: 640, height: 480 });
    expect(inspectImage(tinyJpeg(800, 600))).toEqual({ type: "image/jpeg", extension: "jpg", width: 800, height: 600 });
    expect(inspectImage(tinyWebp())).toEqual({ type: "image/webp", extension: "webp", width: 10, height: 5 });
  });

  it(`${tagAsvs("V12.2.1")} refuses SVG (scripted or not), HTML, text and absurd dimensions`, () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    expect(inspectImage(svg)).toBeNull();
    expect(inspectImage(new TextEncoder().encode("<!doctype html><script>alert(1)</script>"))).toBeNull();
    expect(inspectImage(new Uint8Array([1, 2, 3]))).toBeNull();
    expect(inspectImage(tinyPng(0, 10))).toBeNull();
    expect(inspectImage(tinyPng(100_000, 10))).toBeNull();
  });
});

describe("merchant input", () => {
  const product = {
    title: "Fine thing",
    slug: "fine-thing",
    description: "",
    categoryId: "c1",
    status: "ACTIVE",
    featured: false,
  };

  it(`${tagAsvs("V5.1.3")} keeps markup in text as text, refuses control characters and bad slugs`, () => {
    expect(productFieldsSchema.parse({ ...product, title: "<img src=x onerror=alert(1)>" }).title).toBe(
      "<img src=x onerror=alert(1)>",
    );
    expect(productFieldsSchema.safeParse({ ...product, title: "bell\u0007" }).success).toBe(false);
    expect(productFieldsSchema.safeParse({ ...product, slug: "../etc" }).success).toBe(false);
    expect(productFieldsSchema.safeParse({ ...product, priceMinor: 1 }).success).toBe(false);
  });

  it("refuses negative stock and prices, zero or fractional adjustments, and adjustments without a reason", () => {
    const variant = { id: "p1", sku: "SKU-1", title: "One", priceMinor: 100, stock: 1 };
    expect(createVariantSchema.safeParse({ ...variant, stock: -1 }).success).toBe(false);
    expect(createVariantSchema.safeParse({ ...variant, priceMinor: -5 }).success).toBe(false);
    expect(createVariantSchema.safeParse({ ...variant, sku: "bad sku" }).success).toBe(false);
    expect(adjustStockSchema.safeParse({ id: "v", delta: 0, reason: "count" }).success).toBe(false);
    expect(adjustStockSchema.safeParse({ id: "v", delta: 1.5, reason: "count" }).success).toBe(false);
    expect(adjustStockSchema.safeParse({ id: "v", delta: -2, reason: "" }).success).toBe(false);
    expect(adjustStockSchema.safeParse({ id: "v", delta: -2, reason: "damaged in transit" }).success).toBe(true);
  });
});
