import { existsSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTenantDb, getPlatformDb, type TenantDb } from "@/lib/db";
import { getProductBySlug, listProducts } from "@/lib/catalog";
import { parseListingQuery } from "@/lib/catalog/listing-query";
import { addProductImage } from "@/lib/catalog/manage-products";
import type { DomainError } from "@/lib/security/domain-error";
import { glyphFor } from "@/prisma/seed-data/stores";
import { getTenantIds, type SeededTenantIds } from "../support/db";
import { tinyPng } from "../support/images";

let ids: SeededTenantIds;
let db: TenantDb;
let actor: { id: string; email: string; tenantId: string };

beforeAll(async () => {
  process.env.MEDIA_DIR = `data/test-uploads-variant-${process.pid}`;
  ids = await getTenantIds();
  db = await getTenantDb(ids.northwind);
  const merchant = await (
    await getPlatformDb()
  ).user.findFirstOrThrow({ where: { tenantId: ids.northwind, role: "MERCHANT" } });
  actor = { id: merchant.id, email: merchant.email, tenantId: ids.northwind };
});

afterAll(() => rmSync(process.env.MEDIA_DIR!, { recursive: true, force: true }));

const fail = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as DomainError,
  );

describe("images per option", () => {
  it("seeds one image per colour option, shown for that option only, and every seeded image exists", async () => {
    const product = await getProductBySlug(ids.northwind, "portage-duffel-60l");
    expect(product).not.toBeNull();
    const colours = product!.variants.filter((variant) => variant.color);
    expect(colours.length).toBeGreaterThan(1);
    for (const variant of colours) {
      const images = product!.images.filter((image) => image.variantId === variant.id);
      expect(images).toHaveLength(1);
      expect(images[0]!.alt).toBe(`Portage Duffel 60L in ${variant.color}`);
    }
    const platform = await getPlatformDb();
    for (const image of await platform.productImage.findMany({ where: { path: { startsWith: "/assets/" } } }))
      expect(existsSync(path.join("public", image.path)), image.path).toBe(true);
  });

  it("keeps an option's image off listings: a card shows the product's own image", async () => {
    // Even an option's image placed first (a merchant may order them so) stays on the product page.
    const platform = await getPlatformDb();
    await platform.productImage.updateMany({
      where: {
        tenantId: ids.northwind,
        path: { startsWith: "/assets/catalog/northwind/portage-duffel-60l-" },
        variantId: { not: null },
      },
      data: { position: -1 },
    });
    const page = await listProducts({ tenantId: ids.northwind }, parseListingQuery({ q: "portage duffel" }, "USD"));
    const card = page.items.find((item) => item.slug === "portage-duffel-60l");
    expect(card?.image?.path).toBe("/assets/catalog/northwind/portage-duffel-60l-1.svg");
  });

  it("attaches an upload to one of the product's options, and refuses another product's or store's option", async () => {
    const product = await db.product.findFirstOrThrow({
      where: { slug: "portage-duffel-60l" },
      include: { variants: true },
    });
    const variant = product.variants[0]!;
    const image = await addProductImage(db, actor, {
      id: product.id,
      file: new File([tinyPng(30, 30)], "red.png"),
      alt: "Red",
      variantId: variant.id,
    });
    expect((await db.productImage.findFirstOrThrow({ where: { id: image.id } })).variantId).toBe(variant.id);

    const otherProductsOption = await db.variant.findFirstOrThrow({ where: { productId: { not: product.id } } });
    const platform = await getPlatformDb();
    const otherStoresOption = await platform.variant.findFirstOrThrow({ where: { tenantId: ids.lumen } });
    const before = await db.productImage.count();
    for (const variantId of [otherProductsOption.id, otherStoresOption.id, "no-such-option"]) {
      const refused = await fail(
        addProductImage(db, actor, { id: product.id, file: new File([tinyPng()], "x.png"), alt: "", variantId }),
      );
      expect(refused?.status).toBe(404);
    }
    expect(await db.productImage.count()).toBe(before);
  });
});

describe("catalog art", () => {
  it("draws what the product is, not only its category", () => {
    expect(glyphFor("Cast Iron Skillet", "kitchen")).toBe("pan");
    expect(glyphFor("Chef's Knife", "kitchen")).toBe("knife");
    expect(glyphFor("Headlamp 400", "accessories")).toBe("headlamp");
    expect(glyphFor("Summit Rain Pants", "jackets")).toBe("pants");
    expect(glyphFor("Ceramic Bookends", "decor")).toBe("bookends");
    expect(glyphFor("Stoneware Mug", "kitchen")).toBe("mug");
    expect(glyphFor("Something New", "unknown")).toBe("vase");
  });
});
