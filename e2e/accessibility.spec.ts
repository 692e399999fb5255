import type { Page } from "@playwright/test";
import { clientIpFor, expect, PORT, storeUrl, test } from "./fixtures";
import { expectNoAxeViolations } from "./support/accessibility";
import { findStockedProducts } from "./support/database";
import { addProductToCart, DEMO_PASSWORD, payOnTestCheckout, registerNewShopper, signInAndWait } from "./support/flows";
import { adminUrl, SECOND_ADMIN, signInAsAdministrator } from "./support/second-factor";

// Every kind of page the journeys reach passes axe (WCAG 2.x A/AA and best practices, see
// support/accessibility.ts) with no violation at all.

/** Opens a page, waits until it has rendered, and runs axe on it. */
async function audit(page: Page, url: string, ready: (page: Page) => Promise<void> = waitForHeading) {
  await page.goto(url);
  await ready(page);
  await expectNoAxeViolations(page, url);
}

const waitForHeading = async (page: Page) => {
  await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
};

async function payOnEmulator(page: Page, email: string) {
  await expect(page).toHaveURL(new RegExp(`:${PORT + 91}/checkout/cs_test_`));
  await payOnTestCheckout(page, email);
  await expect(page.getByTestId("order-status")).toHaveText("Status: Paid", { timeout: 20_000 });
}

test.describe("storefront", () => {
  test.use({ allowedConsoleErrors: /status of 404/ });

  test("catalog pages of both stores, the auth pages and the store's 404", async ({ page }) => {
    for (const host of ["localhost", "lumen.localhost"]) {
      await audit(page, storeUrl(host, "/"));
      await audit(page, storeUrl(host, "/products"));
    }
    await audit(page, "/categories/jackets?size=M&inStock=1");
    await audit(page, "/products/ridgeline-shell-jacket");
    await audit(page, "/search?q=merino");
    await audit(page, "/search?q=unobtainium");
    await audit(page, "/cart");
    await audit(page, "/sign-in");
    await audit(page, "/register");
    await audit(page, "/forgot-password");
    await audit(page, "/reset-password?token=not-a-real-token");
    await audit(page, "/reset-password");
    await audit(page, "/products/no-such-thing");
    await audit(page, storeUrl("lumen.localhost", "/no/such/page"));
  });

  test("a full cart, the payment result, a cancelled checkout, and a shopper's account", async ({ page }) => {
    const [first, second] = findStockedProducts("northwind", 2, 12);
    await addProductToCart(page, `/products/${first!.slug}`);
    await expectNoAxeViolations(page, "product page after adding to the cart");
    await audit(page, "/cart");
    await page.getByRole("button", { name: "Check out" }).click();
    await expect(page).toHaveURL(new RegExp(`:${PORT + 91}/checkout/`));
    await page.getByRole("button", { name: "Cancel and return to the shop" }).click();
    await expect(page).toHaveURL(/\/cart\?checkout=cancelled/);
    await expectNoAxeViolations(page, "cart after a cancelled checkout");

    const email = await registerNewShopper(page, "amber lantern quiet harbour");
    await signInAndWait(page, email, "amber lantern quiet harbour");
    await addProductToCart(page, `/products/${second!.slug}`);
    await page.goto("/cart");
    await page.getByRole("button", { name: "Check out" }).click();
    await payOnEmulator(page, email);
    await expectNoAxeViolations(page, "order page after paying");
    await audit(page, "/account");
    await audit(page, "/account/orders");
  });
});

test.describe("platform host", () => {
  test.use({ allowedConsoleErrors: /status of 404/ });

  test("the platform 404, the console host's root and the console sign-in", async ({ page }) => {
    await audit(page, storeUrl("nowhere.localhost", "/"));
    await audit(page, adminUrl("/"));
    await audit(page, adminUrl("/admin/sign-in"));
  });
});

test("the administration console", async ({ page }) => {
  await signInAsAdministrator(page, "/admin", SECOND_ADMIN);
  for (const path of ["/admin", "/admin/tenants/northwind", "/admin/tenants/lumen", "/admin/events", "/admin/mail"])
    await audit(page, adminUrl(path));
  await page.goto(adminUrl("/admin/tenants/lumen"));
  await page.getByRole("button", { name: "Suspend store" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoAxeViolations(page, "the suspend confirmation");
  await page.getByRole("dialog").getByRole("button", { name: "Cancel" }).click();
});

test("the merchant dashboard", async ({ page, browser }) => {
  // An order of its own to open, bought by a guest in another browser.
  const [product] = findStockedProducts("northwind", 1, 14);
  const buyer = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientIpFor("a11y-buyer") } });
  let orderId = "";
  try {
    const shop = await buyer.newPage();
    await addProductToCart(shop, `/products/${product!.slug}`);
    await shop.goto("/cart");
    await shop.getByRole("button", { name: "Check out" }).click();
    await payOnEmulator(shop, "a11y-guest@example.test");
    orderId = new URL(shop.url()).pathname.split("/").pop()!;
  } finally {
    await buyer.close();
  }

  await signInAndWait(page, "merchant@northwind.test", DEMO_PASSWORD, "/sign-in?callbackUrl=/dashboard");
  for (const path of [
    "/dashboard",
    "/dashboard/products",
    "/dashboard/products/new",
    "/dashboard/orders",
    `/dashboard/orders/${orderId}`,
    "/dashboard/shipping",
    "/dashboard/discounts",
    "/dashboard/audit",
  ])
    await audit(page, path);
  await page.goto(`/dashboard/products?q=${product!.slug}`);
  await page.getByTestId("merchant-products").getByRole("link").first().click();
  await waitForHeading(page);
  await expectNoAxeViolations(page, "a product in the dashboard");
  // The refund's confirmation, open.
  await page.goto(`/dashboard/orders/${orderId}`);
  await page.getByRole("button", { name: "Refund" }).click();
  await expect(page.getByRole("dialog")).toBeVisible();
  await expectNoAxeViolations(page, "the refund confirmation");
});
