import { clientIpFor, expect, PORT, test } from "./fixtures";
import { findStockedProducts } from "./support/database";
import { waitForDeliveredMail } from "./support/mailbox";
import { addProductToCart, DEMO_PASSWORD, payOnTestCheckout, signInAndWait } from "./support/flows";

// Issue 15, item 3: a guest buys two items on the Stripe emulator; the merchant ships with a
// carrier and tracking number and refunds one line; the shopper's mails say so and the shopper's
// order page shows the timeline, shipped and partially refunded. Mail is read from the SMTP relay.

// Shipping without a tracking number is refused on purpose: an expected 400.
test.use({ allowedConsoleErrors: /status of (400|422)/ });

test("a merchant ships a guest's order with tracking and refunds one line; the guest sees the timeline and gets the mails", async ({
  page,
  browser,
}) => {
  const [first, second] = findStockedProducts("northwind", 2, 16);
  const email = `fulfil-${Date.now().toString(36)}@example.test`;
  const guest = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientIpFor("fulfil-guest") } });
  try {
    const shop = await guest.newPage();
    await addProductToCart(shop, `/products/${first!.slug}`);
    await addProductToCart(shop, `/products/${second!.slug}`);
    await shop.goto("/cart");
    // A code this store does not have is refused with nothing started; its own is taken.
    await shop.getByLabel("Discount code (optional)").fill("LUMEN50");
    await shop.getByRole("button", { name: "Check out" }).click();
    await expect(shop.getByRole("alert").filter({ hasText: "That discount code can't be used here." })).toBeVisible();
    await expect(shop.getByLabel("Discount code (optional)")).toHaveValue("LUMEN50");
    await shop.getByLabel("Discount code (optional)").fill("welcome10");
    await shop.getByRole("button", { name: "Check out" }).click();
    await expect(shop).toHaveURL(new RegExp(`:${PORT + 91}/checkout/cs_test_`));
    await expect(shop.getByRole("cell", { name: "Discount" })).toBeVisible();
    await payOnTestCheckout(shop, email, { shipping: "Express" });
    await expect(shop.getByTestId("order-status")).toHaveText("Status: Paid", { timeout: 20_000 });
    const orderId = new URL(shop.url()).pathname.split("/").pop()!;
    // What Stripe collected and charged, from its verified webhook: every line adds up.
    const amounts = shop.getByTestId("order-amounts");
    await expect(amounts).toContainText("Discount (WELCOME10)");
    await expect(amounts).toContainText("Shipping (Express)$18.00");
    await expect(amounts).toContainText("Tax");
    const figures = (await amounts.locator("dd").allTextContents()).map(
      (text) => Math.round(Number(text.replace(/[^\d.]/g, "")) * 100) * (text.startsWith("−") ? -1 : 1),
    );
    expect(figures.slice(0, -1).reduce((sum, value) => sum + value, 0)).toBe(figures.at(-1));
    await expect(shop.getByTestId("shipping-address")).toContainText("1 Test Street");
    await expect(shop.getByTestId("shipping-address")).toContainText("United States");
    await expect(shop.getByTestId("order-next")).toContainText("sends it by Express");

    await signInAndWait(
      page,
      "merchant@northwind.test",
      DEMO_PASSWORD,
      `/sign-in?callbackUrl=/dashboard/orders/${orderId}`,
    );
    await expect(page.getByTestId("merchant-order-status")).toHaveText("Status: Paid");
    await expect(page.getByTestId("shipping-address")).toContainText("Robin Tester");
    await expect(page.getByTestId("shipping-address")).toContainText("Phone: +1 503 555 0100");
    await expect(page.getByTestId("order-amounts")).toContainText("Shipping (Express)");
    // Shipping needs a carrier and a tracking number: without one it is refused, and what was typed stays.
    await page.getByLabel("Carrier", { exact: true }).selectOption("DHL");
    await page.getByRole("button", { name: "Mark as shipped" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "Some fields need your attention." })).toBeVisible();
    await expect(page.getByLabel("Tracking number")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Enter the tracking number (at least 4 letters or digits).")).toBeVisible();
    await expect(page.getByLabel("Carrier", { exact: true })).toHaveValue("DHL");
    await page.getByLabel("Tracking number").fill("JD01 4000 0123");
    await page.getByRole("button", { name: "Mark as shipped" }).click();
    await expect(page.getByTestId("merchant-order-status")).toHaveText("Status: Shipped");
    await expect(page.getByTestId("merchant-order-shipment")).toContainText(
      "Shipped with DHL, tracking number JD0140000123",
    );

    // Refund the first line, one unit, behind the confirmation that names the amount.
    await page.getByRole("radio", { name: "Order lines" }).check();
    await page
      .getByLabel(/^Quantity of /)
      .first()
      .fill("1");
    await page.getByRole("button", { name: "Refund" }).click();
    const dialog = page.getByRole("dialog", { name: /^Refund [$€][\d.,]+ to the customer/ });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Refund" }).click();
    await expect(page.getByText("Refund requested")).toBeVisible();
    await expect(async () => {
      await page.reload();
      await expect(page.getByTestId("merchant-order-status")).toHaveText("Status: Shipped · partially refunded", {
        timeout: 1_000,
      });
    }).toPass({ timeout: 20_000 });
    const timeline = page.getByTestId("order-timeline");
    await expect(timeline).toContainText("by merchant@northwind.test");
    await expect(timeline).toContainText(/Refund of [$€][\d.,]+ requested \(1 × /);

    // The mails, as the relay received them over SMTP: confirmation (with the address and every
    // amount), shipped, refunded — the newest carries the guest's working link.
    const delivered = await waitForDeliveredMail(email, 3);
    expect(delivered.map((mail) => mail.subject)).toEqual([
      expect.stringMatching(/is confirmed$/),
      expect.stringMatching(/has shipped$/),
      expect.stringMatching(/^A refund of [$€][\d.,]+ for your order/),
    ]);
    expect(delivered[0]!.text).toContain("Shipping (Express): $18.00");
    expect(delivered[0]!.text).toContain("1 Test Street");
    expect(delivered[1]!.text).toContain("JD0140000123");
    const latest = delivered[2]!;
    expect(latest.text).toContain("We have refunded");
    const link = new URL(/http:\/\/\S+\/orders\/\S+/.exec(latest.text)![0]);
    await shop.goto(`${link.pathname}${link.search}`);
    await expect(shop.getByTestId("order-status")).toHaveText("Status: Shipped · partially refunded");
    const shopperTimeline = shop.getByTestId("order-timeline");
    await expect(shopperTimeline).toContainText("Order placed");
    await expect(shopperTimeline).toContainText("Payment received");
    await expect(shopperTimeline).toContainText("Shipped with DHL, tracking number JD0140000123");
    await expect(shopperTimeline).toContainText(/Refunded [$€][\d.,]+/);
    await expect(shopperTimeline.getByRole("link", { name: "Track the parcel" })).toHaveAttribute(
      "href",
      "https://www.dhl.com/global-en/home/tracking.html?tracking-id=JD0140000123",
    );
    await expect(shop.getByText("merchant@northwind.test")).toHaveCount(0);
    await expect(shop.getByTestId("order-refunded")).toBeVisible();
  } finally {
    await guest.close();
  }
});
