import { expect, PORT, storeUrl, test } from "./fixtures";
import { findStockedProducts, orderStatus, readLatestMail, stockOf } from "./support/database";
import {
  addProductToCart,
  DEMO_PASSWORD,
  payOnTestCheckout,
  registerNewShopper,
  signInThroughForm,
} from "./support/flows";

// Checkout through the local Stripe emulator, which delivers its signed webhooks to this instance.

async function payOnEmulator(page: import("@playwright/test").Page, email: string, country?: string) {
  await expect(page).toHaveURL(new RegExp(`:${PORT + 91}/checkout/cs_test_`));
  await payOnTestCheckout(page, email, country ? { country } : {});
  await expect(page).toHaveURL(/\/orders\/\w+\?t=/);
}

test("a guest buys two products: the order turns paid and the stock goes down", async ({ page, browser }) => {
  const [first, second] = findStockedProducts("northwind", 2, 0);
  await addProductToCart(page, `/products/${first!.slug}`);
  await addProductToCart(page, `/products/${second!.slug}`);
  await expect(page.getByTestId("cart-link")).toContainText("2");

  await page.goto("/cart");
  await expect(page.getByTestId("cart-lines").getByRole("listitem")).toHaveCount(2);
  await page.getByRole("button", { name: "Check out" }).click();
  await payOnEmulator(page, "guest-buyer@example.test");

  await expect(page.getByTestId("order-status")).toHaveText("Status: Paid", { timeout: 20_000 });
  await expect(page.getByText("A confirmation is on its way to guest-buyer@example.test")).toBeVisible();
  expect(stockOf(first!.variantId)).toBe(first!.stock - 1);
  expect(stockOf(second!.variantId)).toBe(second!.stock - 1);
  await expect(page.getByTestId("cart-link")).toContainText("0");

  // Without the order's link (or with a wrong one), another shopper gets a 404.
  const orderUrl = new URL(page.url());
  const stranger = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.19.250.250" } });
  try {
    const other = await stranger.newPage();
    expect((await other.goto(`${orderUrl.origin}${orderUrl.pathname}`))?.status()).toBe(404);
    expect((await other.goto(`${orderUrl.origin}${orderUrl.pathname}?t=guessed-token-value`))?.status()).toBe(404);
    expect(
      (await other.goto(`${orderUrl.origin}${orderUrl.pathname}?t=${orderUrl.searchParams.get("t")}`))?.status(),
    ).toBe(200);
  } finally {
    await stranger.close();
  }
});

test("a guest who lost the link finds the order by email and number; the answer never says whether they matched", async ({
  page,
  browser,
}) => {
  const email = `finder-${Date.now().toString(36)}@example.test`;
  const [product] = findStockedProducts("northwind", 1, 3);
  await addProductToCart(page, `/products/${product!.slug}`);
  await page.goto("/cart");
  await page.getByRole("button", { name: "Check out" }).click();
  await payOnEmulator(page, email);
  await expect(page.getByTestId("order-status")).toHaveText("Status: Paid", { timeout: 20_000 });
  const reference = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Order ", "").trim();
  const firstLink = page.url();

  const lost = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": "198.19.251.17" } });
  try {
    const guest = await lost.newPage();
    await guest.goto(storeUrl("localhost", "/"));
    await guest.getByRole("link", { name: "Find your order" }).click();
    await expect(guest.getByRole("heading", { level: 1 })).toHaveText("Find your order");
    // A number that is not one is refused, and what was typed stays.
    await guest.getByLabel("Email used for the order").fill(email);
    await guest.getByLabel("Order number").fill("12-34");
    await guest.getByRole("button", { name: "Email me the link" }).click();
    await expect(guest.locator("#reference-error")).toContainText("8-character order number");
    await expect(guest.getByLabel("Email used for the order")).toHaveValue(email);
    // The wrong address and the right one get the same answer; only the right one gets mail.
    const mailsBefore = readLatestMail(email)?.subject;
    await guest.getByLabel("Order number").fill(reference.toLowerCase());
    await guest.getByLabel("Email used for the order").fill(`someone-else-${email}`);
    await guest.getByRole("button", { name: "Email me the link" }).click();
    const wrongAnswer = (await guest.getByRole("status").textContent())!.replace(`someone-else-${email}`, "ADDRESS");
    await guest.reload();
    await guest.getByLabel("Email used for the order").fill(email);
    await guest.getByLabel("Order number").fill(reference);
    await guest.getByRole("button", { name: "Email me the link" }).click();
    expect((await guest.getByRole("status").textContent())!.replace(email, "ADDRESS")).toBe(wrongAnswer);
    expect(readLatestMail(`someone-else-${email}`)).toBeUndefined();
    await expect.poll(() => readLatestMail(email)?.subject).toBe(`Your order ${reference} at Northwind Outfitters`);
    expect(mailsBefore).not.toBe(`Your order ${reference} at Northwind Outfitters`);
    const link = /https?:\/\/\S+\/orders\/\w+\?t=[\w%-]+/.exec(readLatestMail(email)!.text)![0];
    await guest.goto(link);
    await expect(guest.getByTestId("order-status")).toHaveText("Status: Paid");
    // The new link replaced the first one.
    expect((await guest.goto(firstLink))?.status()).toBe(404);
  } finally {
    await lost.close();
  }
});

test.describe("declined and cancelled", () => {
  test("a declined card keeps the shopper on the payment page; cancelling gives the stock back", async ({ page }) => {
    const [product] = findStockedProducts("northwind", 1, 2);
    await addProductToCart(page, `/products/${product!.slug}`);
    await page.goto("/cart");
    await page.getByRole("button", { name: "Check out" }).click();
    await expect(page).toHaveURL(new RegExp(`:${PORT + 91}/checkout/`));
    expect(stockOf(product!.variantId)).toBe(product!.stock - 1);

    await page.getByRole("button", { name: "Pay with a card that declines" }).click();
    await expect(page.getByRole("alert")).toHaveText("Your card was declined. Try another card.");
    await page.getByRole("button", { name: "Cancel and return to the shop" }).click();

    await expect(page).toHaveURL(/\/cart\?checkout=cancelled/);
    await expect(page.getByText("Checkout cancelled. Nothing was charged; your items are still here.")).toBeVisible();
    await expect(page.getByTestId("cart-lines").getByRole("listitem")).toHaveCount(1);
    expect(stockOf(product!.variantId)).toBe(product!.stock);
  });
});

test("a signed-in shopper's purchase appears in their order history", async ({ page }) => {
  const [product] = findStockedProducts("lumen", 1, 0);
  const lumen = (path: string) => storeUrl("lumen.localhost", path);
  await signInThroughForm(page, "shopper@lumen.test", DEMO_PASSWORD, lumen("/sign-in"));
  await expect(page.getByText("Signed in as shopper@lumen.test")).toBeVisible();
  await addProductToCart(page, lumen(`/products/${product!.slug}`));
  await page.goto(lumen("/cart"));
  await page.getByRole("button", { name: "Check out" }).click();
  await expect(page.getByLabel("Email")).toHaveValue("shopper@lumen.test");
  // Lumen ships within the EU only: the page offers no other country.
  await payOnEmulator(page, "shopper@lumen.test", "Germany");
  await expect(page.getByTestId("order-status")).toHaveText("Status: Paid", { timeout: 20_000 });
  const orderId = new URL(page.url()).pathname.split("/").pop()!;

  await page.goto(lumen("/account/orders"));
  const row = page
    .getByTestId("order-list")
    .getByRole("listitem")
    .filter({ hasText: orderId.slice(-8).toUpperCase() });
  await expect(row).toContainText("Paid");
  await row.getByRole("link").click();
  await expect(page.getByTestId("order-status")).toHaveText("Status: Paid");
  expect(orderStatus(orderId)).toBe("PAID");
});

test("a guest cart joins the shopper's cart at sign-in", async ({ page }) => {
  const password = "merging carts passphrase";
  const email = await registerNewShopper(page, password);
  const [product] = findStockedProducts("northwind", 1, 4);
  await addProductToCart(page, `/products/${product!.slug}`);
  await expect(page.getByTestId("cart-link")).toContainText("1");
  await signInThroughForm(page, email, password, "/sign-in?callbackUrl=/cart");
  await expect(page).toHaveURL(/\/cart$/);
  await expect(page.getByTestId("cart-lines").getByRole("listitem")).toHaveCount(1);
});

test.describe("bad input to the cart", () => {
  test.use({ allowedConsoleErrors: /status of 40\d/ });

  test("negative, huge, unknown, foreign and priced requests get 4xx and change nothing", async ({ page }) => {
    await page.goto("/");
    const [mine] = findStockedProducts("northwind", 1, 6);
    const [foreign] = findStockedProducts("lumen", 1, 3);
    const post = (data: unknown, headers: Record<string, string> = {}) =>
      page.request.post("/api/cart/items", {
        data: data as Record<string, unknown>,
        headers: { "content-type": "application/json", ...headers },
      });
    const cases: [unknown, number][] = [
      [{ variantId: mine!.variantId, quantity: -1 }, 400],
      [{ variantId: mine!.variantId, quantity: 0 }, 400],
      [{ variantId: mine!.variantId, quantity: 1_000_000 }, 400],
      [{ variantId: mine!.variantId, quantity: 1.5 }, 400],
      [{ variantId: mine!.variantId, quantity: "2" }, 400],
      [{ variantId: mine!.variantId, quantity: 1, unitPriceMinor: 1 }, 400],
      [{ variantId: mine!.variantId, quantity: 1, priceMinor: 0 }, 400],
      [{ variantId: "x".repeat(500), quantity: 1 }, 400],
      [{ variantId: "does-not-exist", quantity: 1 }, 404],
      [{ variantId: foreign!.variantId, quantity: 1 }, 404],
    ];
    for (const [data, status] of cases) expect((await post(data)).status(), JSON.stringify(data)).toBe(status);
    expect(
      (
        await page.request.post("/api/cart/items", {
          data: "variantId=x",
          headers: { "content-type": "application/x-www-form-urlencoded" },
        })
      ).status(),
    ).toBe(415);
    expect((await post({ variantId: mine!.variantId, quantity: 1 }, { origin: "https://evil.example" })).status()).toBe(
      403,
    );
    expect(
      (
        await page.request.post("/api/cart/items", { data: "{broken", headers: { "content-type": "application/json" } })
      ).status(),
    ).toBe(400);
    const cart = (await (await page.request.get("/api/cart")).json()) as { cart: { lines: unknown[] } };
    expect(cart.cart.lines).toEqual([]);
    expect(stockOf(mine!.variantId)).toBe(mine!.stock);
  });
});
