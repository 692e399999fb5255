import Database from "better-sqlite3";
import path from "node:path";
import { clientIpFor, expect, storeUrl, test } from "./fixtures";
import { findStockedProducts } from "./support/database";
import {
  DEMO_PASSWORD,
  payOnTestCheckout,
  registerNewShopper,
  signInAndWait,
  signInThroughForm,
} from "./support/flows";
import { signInAsAdministrator } from "./support/second-factor";
import { tagAsvs } from "../security/asvs-ids";

const ADMIN = (p: string) => storeUrl("admin.localhost", p);

test(`${tagAsvs("V5.2.1", "V5.3.3")} a merchant edits a product and shoppers see it; markup in a title stays text`, async ({
  page,
  browser,
}) => {
  const [product] = findStockedProducts("northwind", 1, 8);
  await signInAndWait(page, "merchant@northwind.test", DEMO_PASSWORD, "/sign-in?callbackUrl=/dashboard/products");
  await page.getByLabel("Search products", { exact: true }).last().fill(product!.slug);
  await page.getByRole("button", { name: "Search", exact: true }).last().click();
  await expect(page).toHaveURL(new RegExp(`q=${product!.slug}`));
  await page.getByTestId("merchant-products").getByRole("link").first().click();
  const title = `Edited <img src=x onerror=alert(1)> ${Date.now()}`;
  await page.getByLabel("Title").fill(title);
  await page.getByRole("button", { name: "Save product" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Saved." })).toBeVisible();

  const shopper = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientIpFor("shopper-view") } });
  try {
    const view = await shopper.newPage();
    let dialogs = 0;
    view.on("dialog", (dialog) => {
      dialogs += 1;
      void dialog.dismiss();
    });
    await view.goto(`/products/${product!.slug}`);
    await expect(view.getByRole("heading", { level: 1 })).toHaveText(title);
    expect(await view.locator("main img[src='x']").count()).toBe(0);
    expect(dialogs).toBe(0);
  } finally {
    await shopper.close();
  }

  await page.goto("/dashboard/audit");
  // The trail says it in words, with a link to the product.
  await expect(page.getByTestId("audit-log").getByRole("link", { name: title }).first()).toBeVisible();
  await expect(page.getByTestId("audit-log")).toContainText(`updated ${title} (title)`);
  // This build runs on the emulator (demo mode): every console page says no money moves.
  await expect(page.getByTestId("demo-payments-banner")).toContainText("No real money moves");
});

test.describe("uploads and stock", () => {
  test.use({ allowedConsoleErrors: /status of 4(09|15)/ });

  test("a merchant uploads an image, is refused an SVG, and cannot take stock below zero", async ({ page }) => {
    const [product] = findStockedProducts("northwind", 1, 9);
    await signInAndWait(page, "merchant@northwind.test", DEMO_PASSWORD, "/sign-in?callbackUrl=/dashboard/products");
    await page.goto(`/dashboard/products?q=${product!.slug}`);
    await page.getByTestId("merchant-products").getByRole("link").first().click();
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();

    const png = Buffer.from("89504e470d0a1a0a0000000d49484452000000020000000208020000", "hex");
    await page
      .getByLabel("PNG, JPEG or WebP, up to 2 MB")
      .setInputFiles({ name: "photo.png", mimeType: "image/png", buffer: png });
    await page.getByLabel("Description (alt text)").fill("Uploaded photo");
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    await expect(page.getByText("Image added.")).toBeVisible();
    const uploaded = page.getByRole("img", { name: "Uploaded photo" });
    await expect(uploaded).toBeVisible();
    const src = await uploaded.getAttribute("src");
    expect(src).toMatch(/^\/media\/[0-9a-f]{32}\.png$/);
    const served = await page.request.get(src!);
    expect(served.headers()["content-type"]).toBe("image/png");
    expect(served.headers()["x-content-type-options"]).toBe("nosniff");
    // Its length goes with it through the middleware: clients and caches see a complete file.
    expect(served.headers()["content-length"]).toBe(String(png.length));
    expect((await served.body()).equals(png)).toBe(true);
    // The route's own sandboxing policy, not the storefront's.
    expect(served.headers()["content-security-policy"]).toBe("default-src 'none'; sandbox");
    expect(
      (await page.request.get(src!, { headers: { host: `lumen.localhost:${new URL(page.url()).port}` } })).status(),
    ).toBe(404);

    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>';
    await page
      .getByLabel("PNG, JPEG or WebP, up to 2 MB")
      .setInputFiles({ name: "innocent.png", mimeType: "image/png", buffer: Buffer.from(svg) });
    await page.getByRole("button", { name: "Upload", exact: true }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Upload a PNG, JPEG or WebP image" })).toBeVisible();

    const row = page.getByTestId(`variant-${product!.sku}`);
    await row.getByLabel("Adjust by").fill(String(-(product!.stock + 1)));
    await row.getByLabel("Reason").fill("counting error");
    await row.getByRole("button", { name: "Adjust stock" }).click();
    await expect(row.getByRole("alert")).toContainText(`Only ${product!.stock} in stock`);
    await row.getByLabel("Adjust by").fill("3");
    await row.getByLabel("Reason").fill("delivery");
    await row.getByRole("button", { name: "Adjust stock" }).click();
    await expect(row.getByTestId("variant-stock")).toHaveText(String(product!.stock + 3));
  });
});

test.describe("boundaries between stores", () => {
  test.use({ allowedConsoleErrors: /status of (401|404)/ });

  test("a merchant of one store cannot open its dashboard on another store's host", async ({ page }) => {
    await signInThroughForm(page, "merchant@northwind.test", DEMO_PASSWORD, "/sign-in?callbackUrl=/dashboard");
    await expect(page.getByRole("heading", { name: "Northwind Outfitters dashboard" })).toBeVisible();
    await page.goto(storeUrl("lumen.localhost", "/dashboard"));
    await expect(page).toHaveURL(/lumen\.localhost.*\/sign-in/);
    await signInThroughForm(page, "merchant@northwind.test", DEMO_PASSWORD, storeUrl("lumen.localhost", "/sign-in"));
    await expect(page.locator("#sign-in-error")).toContainText("We couldn't sign you in");
  });

  test("an administrator creates a store, it opens on its host, and suspending it takes it down", async ({ page }) => {
    const slug = `popup-${Date.now().toString(36)}`;
    const host = `${slug}.localhost`;
    await signInAsAdministrator(page);
    await expect(page.getByTestId("demo-payments-banner")).toContainText("No real money moves");
    await page.getByLabel("Name").fill("Pop-up Store");
    await page.getByLabel("Slug").fill(slug);
    await page.getByLabel("Host").fill(host);
    await page.getByRole("button", { name: "Create store" }).click();
    await expect(page.getByText("Store Pop-up Store created.")).toBeVisible();

    const shop = await page.context().newPage();
    expect((await shop.goto(storeUrl(host, "/")))?.status()).toBe(200);
    await page.goto(ADMIN(`/admin/tenants/${slug}`));
    await page.getByRole("button", { name: "Suspend store" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Suspend store" }).click();
    await expect(page.getByTestId("tenant-status")).toContainText("suspended");
    expect((await shop.goto(storeUrl(host, "/")))?.status()).toBe(404);
    await page.goto(ADMIN(`/admin/events?type=admin.action`));
    await expect(page.getByTestId("security-events")).toContainText(slug);
  });

  test("a disabled shopper is signed out at once", async ({ page, browser }) => {
    const password = "soon to be disabled";
    const email = await registerNewShopper(page, password);
    await signInAndWait(page, email, password);
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();

    const adminContext = await browser.newContext({
      extraHTTPHeaders: { "x-forwarded-for": clientIpFor(`admin-${email}`) },
    });
    try {
      const admin = await adminContext.newPage();
      await signInAsAdministrator(admin);
      await admin.goto(ADMIN("/admin/tenants/northwind"));
      await admin.getByRole("button", { name: `Disable ${email}` }).click();
      await admin.getByRole("dialog").getByRole("button", { name: "Disable account" }).click();
      await expect(admin.getByText(`${email} disabled and signed out.`)).toBeVisible();
    } finally {
      await adminContext.close();
    }
    await page.reload();
    await expect(page).toHaveURL(/\/sign-in/);
  });
});

test(`${tagAsvs("V8.3.4")} pages carry only what they render: no hashes, tokens or other stores' ids`, async ({
  page,
}) => {
  const db = new Database(path.resolve("data/e2e.db"), { readonly: true });
  const lumenId = (db.prepare(`SELECT id FROM "Tenant" WHERE slug = 'lumen'`).get() as { id: string }).id;
  const northwindId = (db.prepare(`SELECT id FROM "Tenant" WHERE slug = 'northwind'`).get() as { id: string }).id;
  db.close();
  const forbidden = [
    "$argon2id$",
    "passwordHash",
    "tokenHash",
    "lookupTokenHash",
    "guestTokenHash",
    "stripePaymentIntentId",
    "totpSecret",
    "codeHash",
    lumenId,
    northwindId,
  ];
  const check = async (url: string, needles = forbidden) => {
    const html = (await (await page.goto(url))?.text()) ?? "";
    expect(html.length, url).toBeGreaterThan(500);
    for (const needle of needles) expect(html.includes(needle), `${url} contains ${needle}`).toBe(false);
  };
  await signInAndWait(page, "merchant@northwind.test", DEMO_PASSWORD, "/sign-in?callbackUrl=/dashboard");
  await expect(page.getByRole("heading", { name: "Northwind Outfitters dashboard" })).toBeVisible();
  for (const url of [
    "/",
    "/products/ridgeline-shell-jacket",
    "/cart",
    "/account",
    "/account/orders",
    "/dashboard",
    "/dashboard/products",
    "/dashboard/orders",
    "/dashboard/audit",
    "/dashboard/team",
  ])
    await check(url);
  await signInAsAdministrator(page);
  await expect(page.getByRole("heading", { name: "Platform overview" })).toBeVisible();
  for (const url of [ADMIN("/admin"), ADMIN("/admin/tenants/lumen"), ADMIN("/admin/events")])
    await check(url, ["$argon2id$", "passwordHash", "tokenHash"]);
});

test("a merchant ships a paid order and refunds it through Stripe", async ({ page, browser }) => {
  const [product] = findStockedProducts("northwind", 1, 10);
  const buyer = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientIpFor("refund-buyer") } });
  let orderId = "";
  try {
    const shop = await buyer.newPage();
    await shop.goto(`/products/${product!.slug}`);
    await shop.getByRole("button", { name: "Add to cart" }).click();
    await expect(shop.getByText("Added to your cart.")).toBeVisible();
    await shop.goto("/cart");
    await shop.getByRole("button", { name: "Check out" }).click();
    await payOnTestCheckout(shop, "refund-me@example.test");
    await expect(shop.getByTestId("order-status")).toHaveText("Status: Paid", { timeout: 20_000 });
    orderId = new URL(shop.url()).pathname.split("/").pop()!;
  } finally {
    await buyer.close();
  }

  await signInAndWait(
    page,
    "merchant@northwind.test",
    DEMO_PASSWORD,
    `/sign-in?callbackUrl=/dashboard/orders/${orderId}`,
  );
  await expect(page.getByTestId("merchant-order-status")).toHaveText("Status: Paid");
  await page.getByLabel("Carrier", { exact: true }).selectOption("UPS");
  await page.getByLabel("Tracking number").fill("1Z999AA10123456784");
  await page.getByRole("button", { name: "Mark as shipped" }).click();
  await expect(page.getByTestId("merchant-order-status")).toHaveText("Status: Shipped");
  await page.getByRole("button", { name: "Refund" }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Refund" }).click();
  await expect(page.getByText("Refund requested")).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("merchant-order-status")).toHaveText("Status: Refunded", { timeout: 1_000 });
  }).toPass({ timeout: 20_000 });
  await page.goto("/dashboard/audit");
  await expect(page.getByTestId("audit-log")).toContainText(`requested a refund of $`);
  await expect(
    page
      .getByTestId("audit-log")
      .getByRole("link", { name: orderId.slice(-8).toUpperCase() })
      .first(),
  ).toBeVisible();
});
