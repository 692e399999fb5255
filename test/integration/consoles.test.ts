import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTenantDb, type TenantDb } from "@/lib/db";
import {
  addProductImage,
  adjustStock,
  createProduct,
  createVariant,
  getProductForEditing,
  removeProductImage,
  updateProduct,
} from "@/lib/catalog/manage-products";
import { readMedia, readStoreMedia } from "@/lib/catalog/media-storage";
import { fulfilOrder } from "@/lib/orders/manage-orders";
import { startSessionFamily } from "@/lib/identity/session-store";
import { createAdministrator, setUserDisabled } from "@/lib/identity/manage-users";
import { needsSecondFactor } from "@/lib/identity/second-factor-policy";
import { authenticateCredentials } from "@/lib/identity/sign-in";
import type { DomainError } from "@/lib/security/domain-error";
import { createTenant, createTenantSchema, setTenantStatus } from "@/lib/tenancy/admin-tenants";
import { findTenantByHost } from "@/lib/tenancy";
import { listAuditLog } from "@/lib/telemetry/audit";
import { getDb, getTenantIds, type SeededTenantIds } from "../support/db";
import { tinyPng } from "../support/images";
import { tagAsvs } from "@/security/asvs-ids";

let ids: SeededTenantIds;
let db: TenantDb;
let actor: { id: string; email: string; tenantId: string };

beforeAll(async () => {
  process.env.MEDIA_DIR = `data/test-uploads-${process.pid}`;
  ids = await getTenantIds();
  db = await getTenantDb(ids.northwind);
  const merchant = await (
    await getDb()
  ).user.findFirstOrThrow({ where: { tenantId: ids.northwind, role: "MERCHANT" } });
  actor = { id: merchant.id, email: merchant.email, tenantId: ids.northwind };
});

afterAll(() => rmSync(process.env.MEDIA_DIR!, { recursive: true, force: true }));

const fail = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as DomainError,
  );

describe("merchant console", () => {
  it("creates a product with an option, audits both, and refuses a duplicate slug or SKU", async () => {
    const category = await db.category.findFirstOrThrow();
    const { id } = await createProduct(db, actor, {
      title: "Console Kettle",
      slug: "console-kettle",
      description: "",
      categoryId: category.id,
      status: "DRAFT",
      featured: false,
    });
    await createVariant(db, actor, { id, sku: "NW-CONSOLE-1", title: "Steel", priceMinor: 4200, stock: 3 });
    await updateProduct(db, actor, { id, status: "ACTIVE" });
    expect((await getProductForEditing(ids.northwind, id))?.variants).toEqual([
      expect.objectContaining({ sku: "NW-CONSOLE-1", stock: 3 }),
    ]);
    expect((await db.product.findFirstOrThrow({ where: { id } })).minPriceMinor).toBe(4200);
    expect(
      (
        await fail(
          createProduct(db, actor, {
            title: "Again",
            slug: "console-kettle",
            description: "",
            categoryId: category.id,
            status: "DRAFT",
            featured: false,
          }),
        )
      )?.status,
    ).toBe(409);
    expect(
      (await fail(createVariant(db, actor, { id, sku: "NW-CONSOLE-1", title: "Twin", priceMinor: 1, stock: 0 })))
        ?.status,
    ).toBe(409);
    const actions = (await listAuditLog(ids.northwind)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(["product.created", "variant.created"]));
  });

  it("adjusts stock with a reason and never below zero", async () => {
    const variant = await db.variant.findFirstOrThrow({ where: { stock: { gte: 1 } } });
    expect(await adjustStock(db, actor, { id: variant.id, delta: 5, reason: "delivery" })).toEqual({
      stock: variant.stock + 5,
    });
    expect(
      (await fail(adjustStock(db, actor, { id: variant.id, delta: -(variant.stock + 6), reason: "count" })))?.status,
    ).toBe(409);
    expect((await db.variant.findFirstOrThrow({ where: { id: variant.id } })).stock).toBe(variant.stock + 5);
    expect(await db.inventoryAdjustment.count({ where: { variantId: variant.id } })).toBe(1);
  });

  it("answers 404 for another store's product, option, category and order, changing nothing", async () => {
    const platform = await getDb();
    const foreignProduct = await platform.product.findFirstOrThrow({ where: { tenantId: ids.lumen } });
    const foreignVariant = await platform.variant.findFirstOrThrow({ where: { tenantId: ids.lumen } });
    const foreignCategory = await platform.category.findFirstOrThrow({ where: { tenantId: ids.lumen } });
    expect(await getProductForEditing(ids.northwind, foreignProduct.id)).toBeNull();
    expect((await fail(updateProduct(db, actor, { id: foreignProduct.id, title: "hijacked" })))?.status).toBe(404);
    expect(
      (
        await fail(
          createVariant(db, actor, { id: foreignProduct.id, sku: "NW-X", title: "x", priceMinor: 1, stock: 1 }),
        )
      )?.status,
    ).toBe(404);
    expect((await fail(adjustStock(db, actor, { id: foreignVariant.id, delta: 10, reason: "hijack" })))?.status).toBe(
      404,
    );
    const own = await db.product.findFirstOrThrow();
    expect((await fail(updateProduct(db, actor, { id: own.id, categoryId: foreignCategory.id })))?.status).toBe(404);
    expect(
      (
        await fail(
          fulfilOrder(db, actor, {
            id: "order-of-someone-else",
            carrier: "UPS",
            carrierName: null,
            trackingNumber: "1Z999AA10123456784",
          }),
        )
      )?.status,
    ).toBe(404);
    expect(await platform.product.findUniqueOrThrow({ where: { id: foreignProduct.id } })).toMatchObject({
      title: foreignProduct.title,
    });
    expect((await platform.variant.findUniqueOrThrow({ where: { id: foreignVariant.id } })).stock).toBe(
      foreignVariant.stock,
    );
  });

  it(`${tagAsvs("V12.4.1")} stores a real image and refuses anything that is not one`, async () => {
    const product = await db.product.findFirstOrThrow();
    const image = await addProductImage(db, actor, {
      id: product.id,
      file: new File([tinyPng(40, 30)], "photo.png"),
      alt: "A photo",
    });
    expect(image.path).toMatch(/^\/media\/[0-9a-f]{32}\.png$/);
    const svg = new File(['<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'], "evil.png", {
      type: "image/png",
    });
    expect((await fail(addProductImage(db, actor, { id: product.id, file: svg, alt: "" })))?.status).toBe(415);
    const big = new File([new Uint8Array(2 * 1024 * 1024 + 1)], "big.png");
    expect((await fail(addProductImage(db, actor, { id: product.id, file: big, alt: "" })))?.status).toBe(400);
  });

  it(`${tagAsvs("V12.4.1")} stops serving a removed image: its file and its record are gone, /media has nothing to serve`, async () => {
    const product = await db.product.findFirstOrThrow();
    const image = await addProductImage(db, actor, {
      id: product.id,
      file: new File([tinyPng(20, 20)], "gone.png"),
      alt: "Soon gone",
    });
    const key = image.path.slice("/media/".length);
    const served = async () => (await readStoreMedia(db, key)) !== null;
    expect(await served()).toBe(true);
    expect(await readMedia(key)).not.toBeNull();
    await removeProductImage(db, actor, image.id);
    expect(await served()).toBe(false);
    expect(await readMedia(key)).toBeNull();
    expect(await db.mediaFile.count({ where: { key } })).toBe(0);
  });
});

describe("administrator console", () => {
  const admin = { email: "admin@bulwark.test", ip: "192.0.2.1" };

  it("creates a store that answers on its host, and suspends it", async () => {
    await createTenant(
      createTenantSchema.parse({ slug: "pop-up", name: "Pop-up Shop", currency: "GBP", host: "Pop-Up.localhost" }),
      admin,
    );
    const store = await findTenantByHost("pop-up.localhost");
    expect(store).toMatchObject({ name: "Pop-up Shop", currency: "GBP", kind: "STORE" });
    await expect(
      createTenant(
        createTenantSchema.parse({ slug: "pop-up", name: "Twin", currency: "GBP", host: "twin.localhost" }),
        admin,
      ),
    ).rejects.toMatchObject({ status: 409 });
    await setTenantStatus("pop-up", "SUSPENDED", admin);
    expect(await findTenantByHost("pop-up.localhost")).toBeNull();
    await expect(setTenantStatus("platform", "SUSPENDED", admin)).rejects.toMatchObject({ status: 409 });
  });

  it("disabling a user ends their sessions", async () => {
    const platform = await getDb();
    const user = await platform.user.findFirstOrThrow({ where: { tenantId: ids.lumen, role: "CUSTOMER" } });
    const policy = {
      accessTtlMs: 900_000,
      idleTimeoutMs: 86_400_000,
      absoluteTtlMs: 604_800_000,
      reuseGraceMs: 30_000,
    };
    const session = await startSessionFamily(
      { userId: user.id, tenantId: ids.lumen, userAgent: "x", ip: "" },
      new Date(),
      policy,
    );
    await setUserDisabled(user.id, true, admin);
    expect((await platform.sessionFamily.findUniqueOrThrow({ where: { id: session.familyId } })).revokedReason).toBe(
      "disabled_by_admin",
    );
    expect((await platform.user.findUniqueOrThrow({ where: { id: user.id } })).disabledAt).not.toBeNull();
  });
});

describe("the platform: its host from configuration, its administrators from a command", () => {
  it("answers on PLATFORM_HOST only; no domain row reaches it, and no store can take that host", async () => {
    const platform = await findTenantByHost("admin.localhost");
    expect(platform).toMatchObject({ kind: "PLATFORM", id: ids.platform });
    const db = await getDb();
    // The seed made no domain row for it, and one added behind the platform's back leads nowhere.
    expect(await db.tenantDomain.count({ where: { tenantId: ids.platform } })).toBe(0);
    await db.tenantDomain.create({ data: { tenantId: ids.platform, host: "console.example.test" } });
    expect(await findTenantByHost("console.example.test")).toBeNull();
    expect(() =>
      createTenantSchema.parse({ slug: "squatter", name: "Squatter", currency: "GBP", host: "Admin.localhost" }),
    ).toThrow(/console's own host/);
  });

  it("creates an administrator under the password policy, once, without a second factor yet", async () => {
    await expect(
      createAdministrator({ email: "root@example.test", name: "Root", password: "password1234" }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      createAdministrator({ email: "not an email", name: "Root", password: "quartz meadow lantern fig" }),
    ).rejects.toMatchObject({ status: 400 });
    expect(
      await createAdministrator({ email: " Root@Example.test ", name: "Root", password: "quartz meadow lantern fig" }),
    ).toEqual({ email: "root@example.test" });
    await expect(
      createAdministrator({ email: "root@example.test", name: "Again", password: "quartz meadow lantern fig" }),
    ).rejects.toMatchObject({ status: 409 });
    const platform = (await findTenantByHost("admin.localhost"))!;
    const signedIn = await authenticateCredentials({
      tenant: platform,
      email: "root@example.test",
      password: "quartz meadow lantern fig",
      honeypot: "",
      meta: { ip: "192.0.2.7", userAgent: "vitest", route: "/test" },
    });
    expect(signedIn).toMatchObject({ role: "ADMINISTRATOR", secondFactor: false });
    expect(needsSecondFactor(signedIn as { role: "ADMINISTRATOR"; secondFactor: boolean })).toBe(true);
  });

  it("admin:create reads the password from stdin, never from the command line", () => {
    const dbUrl = process.env.DATABASE_URL!;
    const run = (args: string[], input: string) =>
      spawnSync("node_modules/.bin/tsx", ["--conditions=react-server", "scripts/create-admin.ts", ...args], {
        input,
        encoding: "utf8",
        env: { ...process.env, DATABASE_URL: dbUrl },
      });
    const created = run(["--email", "ops@example.test", "--name", "Ops"], "harbour quartz kite meadow\n");
    expect(created.stdout + created.stderr).toContain("Administrator ops@example.test created");
    expect(created.status).toBe(0);
    const weak = run(["--email", "weak@example.test", "--name", "Weak"], "password1234\n");
    expect(weak.status).toBe(1);
    expect(weak.stderr).toMatch(/Not created: password: This password is too common/);
    expect(run(["--email", "x@example.test"], "").status).toBe(2);
  });
});
