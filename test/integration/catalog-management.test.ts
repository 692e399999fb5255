import "../support/in-process-mocks";
import { beforeAll, describe, expect, it } from "vitest";
import * as categoryRoute from "@/app/api/dashboard/categories/[id]/route";
import * as categoriesRoute from "@/app/api/dashboard/categories/route";
import * as productRoute from "@/app/api/dashboard/products/[id]/route";
import * as productsRoute from "@/app/api/dashboard/products/route";
import * as variantRoute from "@/app/api/dashboard/variants/[id]/route";
import { listCategories } from "@/lib/catalog";
import { slugFromName } from "@/lib/catalog/manage-categories";
import { createVariant } from "@/lib/catalog/manage-products";
import { getTenantDb, type TenantDb } from "@/lib/db";
import type { CurrentUser } from "@/lib/identity/current-user";
import { getDb, getTenantIds, type SeededTenantIds } from "../support/db";
import { callHandler, loadMerchant } from "../support/merchant-calls";

// Issue 16, item 2: categories (create, rename, reorder, delete only when empty), options (edit,
// delete without breaking an order's history) and the rule that an Active product always has an
// option with a price — held under parallel requests, and never across stores.

const HOST = "northwind.localhost";
let ids: SeededTenantIds;
let merchant: CurrentUser;
let db: TenantDb;

beforeAll(async () => {
  ids = await getTenantIds();
  merchant = await loadMerchant(ids.northwind);
  db = await getTenantDb(ids.northwind);
});

const as = {
  host: HOST,
  get user() {
    return merchant;
  },
};
const createCategory = (json: unknown) => callHandler(categoriesRoute.POST, "POST", { ...as, json });
const patchCategory = (id: string, json: unknown) =>
  callHandler(categoryRoute.PATCH, "PATCH", { ...as, params: { id }, json });
const deleteCategory = (id: string) => callHandler(categoryRoute.DELETE, "DELETE", { ...as, params: { id }, json: {} });
const patchProduct = (id: string, json: unknown) =>
  callHandler(productRoute.PATCH, "PATCH", { ...as, params: { id }, json });
const patchVariant = (id: string, json: unknown) =>
  callHandler(variantRoute.PATCH, "PATCH", { ...as, params: { id }, json });
const deleteVariant = (id: string) => callHandler(variantRoute.DELETE, "DELETE", { ...as, params: { id }, json: {} });

/** A draft product in a new category, with options at these prices. */
async function draftWithOptions(prefix: string, prices: number[]) {
  const category = await createCategory({ name: `${prefix} shelf` });
  expect(category.status).toBe(200);
  const made = await callHandler(productsRoute.POST, "POST", {
    ...as,
    json: {
      title: `${prefix} product`,
      slug: `${prefix}-product`,
      description: "",
      categoryId: category.body.id,
      status: "DRAFT",
      featured: false,
    },
  });
  expect(made.status).toBe(200);
  const productId = made.body.id as string;
  const variantIds: string[] = [];
  for (const [index, priceMinor] of prices.entries()) {
    const actor = { id: merchant.id, email: merchant.email, tenantId: ids.northwind };
    const sku = `${prefix.toUpperCase()}-${index}`;
    variantIds.push(
      (await createVariant(db, actor, { id: productId, sku, title: `O${index}`, priceMinor, stock: 1 })).id,
    );
  }
  return { productId, variantIds, categoryId: category.body.id as string };
}

describe("categories", () => {
  it("derives the address from the name, refuses a taken one, and shows on the storefront at once", async () => {
    expect(slugFromName("Rain & Snow Jackets")).toBe("rain-snow-jackets");
    expect(slugFromName("Crème Brûlée")).toBe("creme-brulee");
    const before = await listCategories(ids.northwind);
    const made = await createCategory({ name: "Rain & Snow Jackets" });
    expect(made).toMatchObject({ status: 200, body: { slug: "rain-snow-jackets" } });
    expect((await listCategories(ids.northwind)).map((c) => c.name)).toEqual([
      ...before.map((c) => c.name),
      "Rain & Snow Jackets",
    ]);
    const twin = await createCategory({ name: "Rain, Snow Jackets" });
    expect(twin.status).toBe(409);
    expect(twin.body.error).toContain("/categories/rain-snow-jackets");
    // Slugs are per store: Lumen may have its own "jackets".
    const lumenDb = await getTenantDb(ids.lumen);
    await lumenDb.category.create({ data: { tenantId: ids.lumen, slug: "tops", name: "Lumen tops" } });
    expect((await createCategory({ name: "Trail tops", slug: "trail-tops" })).status).toBe(200);
    for (const body of [
      { name: "" },
      { name: "!!" },
      { name: "x".repeat(61) },
      { name: "Tab\tname" },
      { name: "Ok name", slug: "Not A Slug" },
      { name: "Ok name", tenantId: ids.lumen },
      { name: "Ok name", position: 0 },
      {},
    ])
      expect((await createCategory(body)).status, JSON.stringify(body)).toBe(400);
  });

  it("renames (keeping the address) and reorders, each visible at once", async () => {
    const a = await createCategory({ name: "Order A" });
    const b = await createCategory({ name: "Order B" });
    const names = async () => (await listCategories(ids.northwind)).map((c) => c.name);
    expect((await names()).slice(-2)).toEqual(["Order A", "Order B"]);
    expect((await patchCategory(b.body.id as string, { move: "up" })).status).toBe(200);
    expect((await names()).slice(-2)).toEqual(["Order B", "Order A"]);
    // The first cannot go further up; nothing changes, no error.
    const first = (await db.category.findMany({ orderBy: { position: "asc" } }))[0]!;
    expect((await patchCategory(first.id, { move: "up" })).status).toBe(200);
    expect((await db.category.findMany({ orderBy: { position: "asc" } }))[0]!.id).toBe(first.id);
    expect((await patchCategory(a.body.id as string, { name: "Order A renamed" })).status).toBe(200);
    const renamed = (await listCategories(ids.northwind)).find((c) => c.slug === "order-a");
    expect(renamed?.name).toBe("Order A renamed");
    for (const body of [{}, { move: "sideways" }, { name: "" }, { name: "Ok", slug: "other" }])
      expect((await patchCategory(a.body.id as string, body)).status, JSON.stringify(body)).toBe(400);
    const positions = (await db.category.findMany()).map((c) => c.position);
    expect(new Set(positions).size).toBe(positions.length);
  });

  it("deletes only an empty category; two deletes at once answer once; parallel creates make one", async () => {
    const full = await db.category.findFirstOrThrow({ where: { products: { some: {} } } });
    const refused = await deleteCategory(full.id);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/still holds \d+ products?\. Move or delete them first/);
    expect(await db.category.findFirst({ where: { id: full.id } })).not.toBeNull();

    const empty = await createCategory({ name: "Short lived" });
    const both = await Promise.all([deleteCategory(empty.body.id as string), deleteCategory(empty.body.id as string)]);
    expect(both.map((a) => a.status).sort()).toEqual([200, 404]);
    expect((await listCategories(ids.northwind)).some((c) => c.slug === "short-lived")).toBe(false);

    const created = await Promise.all(Array.from({ length: 6 }, () => createCategory({ name: "Twin Peaks" })));
    expect(created.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409, 409]);
    expect(await db.category.count({ where: { slug: "twin-peaks" } })).toBe(1);
  });
});

describe("options", () => {
  it("edits SKU, name, size, colour and price; an SKU stays unique in the store", async () => {
    const { variantIds, productId } = await draftWithOptions("edit", [1000, 2000]);
    const edited = await patchVariant(variantIds[0]!, {
      sku: "EDIT-NEW",
      title: "Large blue",
      size: "L",
      color: "Blue",
      priceMinor: 500,
    });
    expect(edited.status).toBe(200);
    expect(await db.variant.findFirst({ where: { id: variantIds[0] } })).toMatchObject({
      sku: "EDIT-NEW",
      title: "Large blue",
      size: "L",
      color: "Blue",
      priceMinor: 500,
    });
    expect((await db.product.findFirstOrThrow({ where: { id: productId } })).minPriceMinor).toBe(500);
    const taken = await patchVariant(variantIds[1]!, { sku: "EDIT-NEW" });
    expect(taken.status).toBe(409);
    expect(taken.body.fieldErrors?.sku).toBeDefined();
    const seeded = await db.variant.findFirstOrThrow({ where: { productId: { not: productId } } });
    expect((await patchVariant(variantIds[1]!, { sku: seeded.sku })).status).toBe(409);
    for (const body of [
      {},
      { sku: "lower" },
      { priceMinor: -1 },
      { priceMinor: 1.5 },
      { priceMinor: "100" },
      { stock: 99 },
      { productId },
      { tenantId: ids.lumen, title: "x" },
    ])
      expect((await patchVariant(variantIds[1]!, body)).status, JSON.stringify(body)).toBe(400);
  });

  it("deletes an option no order holds, and refuses one an order holds, keeping the order whole", async () => {
    const { variantIds } = await draftWithOptions("del", [1000, 1000, 1000]);
    const platform = await getDb();
    const cart = await platform.cart.create({
      data: { tenantId: ids.northwind, expiresAt: new Date(Date.now() + 1e6) },
    });
    await platform.cartItem.create({
      data: { tenantId: ids.northwind, cartId: cart.id, variantId: variantIds[0]!, quantity: 1 },
    });
    // In a cart only: deleted, and the cart loses that line.
    expect((await deleteVariant(variantIds[0]!)).status).toBe(200);
    expect(await platform.cartItem.count({ where: { cartId: cart.id } })).toBe(0);

    const order = await platform.order.create({
      data: { tenantId: ids.northwind, currency: "USD", subtotalMinor: 1000, totalMinor: 1000, status: "PAID" },
    });
    await platform.orderItem.create({
      data: {
        tenantId: ids.northwind,
        orderId: order.id,
        variantId: variantIds[1]!,
        productTitle: "del product",
        variantTitle: "O1",
        sku: "DEL-1",
        unitPriceMinor: 1000,
        quantity: 1,
      },
    });
    const refused = await deleteVariant(variantIds[1]!);
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/DEL-1 is in 1 order.*Set its stock to zero/);
    expect(await platform.orderItem.count({ where: { orderId: order.id } })).toBe(1);

    // A live stock hold (a checkout under way) keeps it too.
    const pending = await platform.order.create({
      data: { tenantId: ids.northwind, currency: "USD", subtotalMinor: 1000, totalMinor: 1000 },
    });
    await platform.stockReservation.create({
      data: {
        tenantId: ids.northwind,
        orderId: pending.id,
        variantId: variantIds[2]!,
        quantity: 1,
        expiresAt: new Date(Date.now() + 60_000),
      },
    });
    expect((await deleteVariant(variantIds[2]!)).status).toBe(409);
    expect(await db.variant.count({ where: { id: { in: variantIds } } })).toBe(2);
    expect((await deleteVariant("no-such-option")).status).toBe(404);
  });
});

describe("an Active product always has an option with a price", () => {
  it("cannot be created Active, or activated without a priced option", async () => {
    const category = await db.category.findFirstOrThrow();
    const created = await callHandler(productsRoute.POST, "POST", {
      ...as,
      json: {
        title: "Too soon",
        slug: "too-soon",
        description: "",
        categoryId: category.id,
        status: "ACTIVE",
        featured: false,
      },
    });
    expect(created.status).toBe(409);
    expect(created.body.fieldErrors?.status).toBeDefined();
    expect(await db.product.count({ where: { slug: "too-soon" } })).toBe(0);

    const { productId, variantIds } = await draftWithOptions("free", [0]);
    const refused = await patchProduct(productId, { status: "ACTIVE", title: "Renamed too" });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toContain("at least one option priced above zero");
    expect(await db.product.findFirstOrThrow({ where: { id: productId } })).toMatchObject({
      status: "DRAFT",
      title: "free product",
    });
    expect((await patchVariant(variantIds[0]!, { priceMinor: 1 })).status).toBe(200);
    expect((await patchProduct(productId, { status: "ACTIVE" })).status).toBe(200);
    // Its last priced option can neither go free nor go away while it is Active.
    expect((await patchVariant(variantIds[0]!, { priceMinor: 0 })).status).toBe(409);
    expect((await deleteVariant(variantIds[0]!)).status).toBe(409);
    expect((await patchProduct(productId, { status: "DRAFT" })).status).toBe(200);
    expect((await deleteVariant(variantIds[0]!)).status).toBe(200);
  });

  it("holds under 10 parallel requests deleting options and activating, in every interleaving tried", async () => {
    for (let round = 0; round < 4; round += 1) {
      const { productId, variantIds } = await draftWithOptions(`race${round}`, [100, 200, 0, 300, 400]);
      const orders = await (await getDb()).orderItem.count();
      const requests = [
        ...variantIds.map((id) => () => deleteVariant(id)),
        ...Array.from({ length: 4 }, () => () => patchProduct(productId, { status: "ACTIVE" })),
        () => patchVariant(variantIds[1]!, { priceMinor: 0 }),
      ];
      // A different order each round: activations first, last, or in between. (An edit of an
      // option deleted a moment earlier is a 404.)
      const ordered = round % 2 === 0 ? requests : [...requests].reverse();
      if (round === 2) ordered.push(ordered.shift()!, ordered.shift()!);
      const answers = await Promise.all(ordered.map((send) => send()));
      expect(
        answers.every((a) => [200, 404, 409].includes(a.status)),
        JSON.stringify(answers),
      ).toBe(true);
      const product = await db.product.findFirstOrThrow({ where: { id: productId }, include: { variants: true } });
      const priced = product.variants.filter((v) => v.priceMinor > 0);
      if (product.status === "ACTIVE") expect(priced.length, `round ${round}`).toBeGreaterThan(0);
      expect(await (await getDb()).orderItem.count()).toBe(orders);
    }
  });
});

describe("another store's ids on this store's host", () => {
  it("answer 404 and change nothing of the other store", async () => {
    const platform = await getDb();
    const lumenCategory = await platform.category.findFirstOrThrow({ where: { tenantId: ids.lumen } });
    const lumenVariant = await platform.variant.findFirstOrThrow({ where: { tenantId: ids.lumen } });
    const lumenProduct = await platform.product.findFirstOrThrow({ where: { tenantId: ids.lumen } });
    const before = JSON.stringify([
      await platform.category.findMany({ where: { tenantId: ids.lumen } }),
      await platform.variant.findMany({ where: { tenantId: ids.lumen } }),
      await platform.product.findMany({ where: { tenantId: ids.lumen } }),
    ]);
    expect((await patchCategory(lumenCategory.id, { name: "Hijacked" })).status).toBe(404);
    expect((await patchCategory(lumenCategory.id, { move: "up" })).status).toBe(404);
    expect((await deleteCategory(lumenCategory.id)).status).toBe(404);
    expect((await patchVariant(lumenVariant.id, { sku: "HIJACK", priceMinor: 1 })).status).toBe(404);
    expect((await deleteVariant(lumenVariant.id)).status).toBe(404);
    expect((await patchProduct(lumenProduct.id, { status: "DRAFT" })).status).toBe(404);
    const after = JSON.stringify([
      await platform.category.findMany({ where: { tenantId: ids.lumen } }),
      await platform.variant.findMany({ where: { tenantId: ids.lumen } }),
      await platform.product.findMany({ where: { tenantId: ids.lumen } }),
    ]);
    expect(after).toBe(before);
  });
});
