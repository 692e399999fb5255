import type { Page } from "@playwright/test";
import { clientIpFor, expect, PORT, storeUrl, test } from "./fixtures";
import { findStockedProducts } from "./support/database";
import { addProductToCart, DEMO_PASSWORD, payOnTestCheckout, registerNewShopper, signInAndWait } from "./support/flows";
import { adminUrl, SECOND_ADMIN, signInAsAdministrator } from "./support/second-factor";

// Forms that keep what was typed, a phone-sized layout, and confirmations before destructive actions.

/** Collects the bodies of the server-action answers, to prove no password comes back in them. */
function recordActionAnswers(page: Page): () => Promise<string[]> {
  const bodies: Promise<string>[] = [];
  page.on("response", (response) => {
    if (response.request().method() === "POST" && response.url().startsWith(new URL(page.url()).origin))
      bodies.push(response.text().catch(() => ""));
  });
  return () => Promise.all(bodies);
}

test.describe("forms keep the user's input after a validation error", () => {
  test("registration keeps the name and email; the refused password is emptied and focused", async ({ page }) => {
    const answers = recordActionAnswers(page);
    const email = `kept-${Date.now()}@example.test`;
    await page.goto("/register");
    await page.getByLabel("Name").fill("Robin Keeper");
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("aaaaaaaaaaaaaaaa");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("alert").first()).toBeVisible();
    await expect(page.getByText("Use a password with more variety.").last()).toBeVisible();
    await expect(page.getByLabel("Name")).toHaveValue("Robin Keeper");
    await expect(page.getByLabel("Email")).toHaveValue(email);
    await expect(page.getByLabel("Password", { exact: true })).toHaveValue("");
    await expect(page.getByLabel("Password", { exact: true })).toBeFocused();
    const bodies = await answers();
    expect(bodies.length).toBeGreaterThan(0);
    for (const body of bodies) expect(body).not.toContain("aaaaaaaaaaaa");

    // Fixed, it goes through with what was kept.
    await page.getByLabel("Password", { exact: true }).fill("kept lantern orbit velvet");
    await page.getByRole("button", { name: "Create account" }).click();
    await expect(page.getByRole("status")).toContainText(`We've sent an email to ${email}`);
  });

  test("password change keeps the fields that were right; the refused one is emptied and focused", async ({ page }) => {
    const password = "keeper harbour quiet lamp";
    const email = await registerNewShopper(page, password);
    await signInAndWait(page, email, password, "/sign-in?callbackUrl=/account");
    const answers = recordActionAnswers(page);
    const current = page.getByLabel("Current password");
    const next = page.getByLabel("New password", { exact: true });
    const repeat = page.getByLabel("Repeat new password");

    await current.fill(password);
    await next.fill("brand new meadow phrase");
    await repeat.fill("brand new meadow phrasx");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByText("The two new passwords differ.").first()).toBeVisible();
    await expect(current).toHaveValue(password);
    await expect(next).toHaveValue("brand new meadow phrase");
    await expect(repeat).toHaveValue("");
    await expect(repeat).toBeFocused();

    await current.fill("not my password at all");
    await repeat.fill("brand new meadow phrase");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(current).toHaveValue("");
    await expect(current).toBeFocused();
    await expect(next).toHaveValue("brand new meadow phrase");
    await expect(repeat).toHaveValue("brand new meadow phrase");
    for (const body of await answers()) {
      expect(body).not.toContain("brand new meadow");
      expect(body).not.toContain(password);
    }

    await current.fill(password);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("status").filter({ hasText: "Your password is changed" })).toBeVisible();
    await expect(next).toHaveValue("");
  });
});

test.describe("on a phone (390 × 844)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("category filters sit behind a button, and the first product shows without scrolling", async ({ page }) => {
    await page.goto("/categories/jackets");
    const toggle = page.getByRole("button", { name: /^Filters/ });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByLabel("Sort by")).toBeHidden();
    const firstCard = page.getByTestId("product-grid").getByRole("listitem").first();
    const box = (await firstCard.boundingBox())!;
    expect(box.y).toBeLessThan(844);
    expect(box.y + 40).toBeLessThan(844);

    // By keyboard: the panel opens and closes, and says so.
    await toggle.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("button", { name: "Hide filters" })).toHaveAttribute("aria-expanded", "true");
    await page.getByLabel("Size").selectOption("M");
    await page.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/size=M/);
    await expect(page.getByRole("button", { name: "Filters (1 applied)" })).toHaveAttribute("aria-expanded", "false");
    await page.getByRole("button", { name: "Filters (1 applied)" }).press(" ");
    await expect(page.getByLabel("Size")).toHaveValue("M");
  });

  test("the category bar scrolls sideways and shows that it does", async ({ page }) => {
    await page.goto("/");
    const bar = page.getByRole("navigation", { name: "Categories" }).getByRole("list");
    const style = await bar.evaluate((element) => {
      const computed = getComputedStyle(element);
      return {
        overflow: element.scrollWidth > element.clientWidth,
        snap: computed.scrollSnapType,
        mask: computed.maskImage || computed.getPropertyValue("-webkit-mask-image"),
        itemSnap: getComputedStyle(element.querySelector("li")!).scrollSnapAlign,
      };
    });
    expect(style.overflow).toBe(true);
    expect(style.snap).toContain("x");
    expect(style.itemSnap).toContain("start");
    expect(style.mask).toContain("linear-gradient");
    // It really scrolls: the last category can be brought into view and followed.
    const last = bar.getByRole("link").last();
    await last.scrollIntoViewIfNeeded();
    expect(await bar.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
    await expect(last).toBeInViewport();
  });

  const noSideways = async (page: Page, url: string) => {
    await page.goto(url);
    await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
    const sizes = await page.evaluate(() => {
      const root = document.scrollingElement!;
      // What sticks out on the right and is not clipped by a scrolling box: what a failure should point at.
      const clipped = (element: Element) => {
        for (let up = element.parentElement; up && up !== document.body; up = up.parentElement)
          if (getComputedStyle(up).overflowX !== "visible") return true;
        return false;
      };
      const outermost = [...document.body.querySelectorAll("*")]
        .filter((element) => element.getBoundingClientRect().right > root.clientWidth + 1 && !clipped(element))
        .filter(
          (element) =>
            !element.parentElement || element.parentElement.getBoundingClientRect().right <= root.clientWidth + 1,
        )
        .map((element) => `${element.tagName.toLowerCase()}.${[...element.classList].join(".")}`);
      return { scroll: root.scrollWidth, client: root.clientWidth, outermost };
    });
    expect(sizes.scroll, `${url} overflows sideways: ${sizes.outermost.join(", ")}`).toBeLessThanOrEqual(sizes.client);
  };

  test("the merchant dashboard does not overflow sideways", async ({ page }) => {
    await signInAndWait(page, "merchant@northwind.test", DEMO_PASSWORD, "/sign-in?callbackUrl=/dashboard");
    for (const url of [
      "/dashboard",
      "/dashboard/products",
      "/dashboard/products/new",
      "/dashboard/orders",
      "/dashboard/audit",
    ])
      await noSideways(page, url);
    await page.goto("/dashboard/products");
    await noSideways(
      page,
      (await page.getByTestId("merchant-products").getByRole("link").first().getAttribute("href"))!,
    );
  });

  test("the administration console does not overflow sideways", async ({ page }) => {
    await signInAsAdministrator(page, "/admin", SECOND_ADMIN);
    for (const path of ["/admin", "/admin/tenants/northwind", "/admin/events", "/admin/mail"])
      await noSideways(page, adminUrl(path));
  });
});

test.describe("destructive actions ask first", () => {
  test("suspending a store and disabling a user: cancel does nothing, confirm does it", async ({ page, browser }) => {
    const slug = `confirm-${Date.now().toString(36)}`;
    await signInAsAdministrator(page, "/admin", SECOND_ADMIN);
    await page.getByLabel("Name").fill("Confirm Store");
    await page.getByLabel("Slug").fill(slug);
    await page.getByLabel("Host").fill(`${slug}.localhost`);
    await page.getByRole("button", { name: "Create store" }).click();
    await expect(page.getByText("Store Confirm Store created.")).toBeVisible();
    await page.goto(adminUrl(`/admin/tenants/${slug}`));

    const writes: string[] = [];
    page.on("request", (request) => {
      if (request.method() !== "GET") writes.push(`${request.method()} ${new URL(request.url()).pathname}`);
    });
    await page.getByRole("button", { name: "Suspend store" }).click();
    const dialog = page.getByRole("dialog", { name: /Suspend confirm-/ });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await expect(dialog).toBeHidden();
    // Escape cancels too.
    await page.getByRole("button", { name: "Suspend store" }).click();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await page.waitForTimeout(300);
    expect(writes).toEqual([]);
    await expect(page.getByTestId("tenant-status")).toContainText("active");
    const shop = await page.context().newPage();
    expect((await shop.goto(storeUrl(`${slug}.localhost`, "/")))?.status()).toBe(200);

    await page.getByRole("button", { name: "Suspend store" }).click();
    await dialog.getByRole("button", { name: "Suspend store" }).click();
    await expect(page.getByTestId("tenant-status")).toContainText("suspended");
    expect(writes).toEqual([`PATCH /api/admin/tenants/${slug}`]);
    expect((await shop.goto(storeUrl(`${slug}.localhost`, "/")))?.status()).toBe(404);
    await shop.close();

    // A user: a shopper of Northwind registered for this test.
    const shopperContext = await browser.newContext({
      extraHTTPHeaders: { "x-forwarded-for": clientIpFor(`confirm-shopper-${slug}`) },
    });
    let email = "";
    try {
      email = await registerNewShopper(await shopperContext.newPage(), "confirm lantern quiet harbour");
    } finally {
      await shopperContext.close();
    }
    await page.goto(adminUrl("/admin/tenants/northwind"));
    writes.length = 0;
    const row = page.getByTestId("tenant-users").getByRole("row").filter({ hasText: email });
    await row.getByRole("button", { name: `Disable ${email}` }).click();
    const question = page.getByRole("dialog", { name: new RegExp(`Disable ${email.replace(/\./g, "\\.")}`) });
    await expect(question).toBeVisible();
    await question.getByRole("button", { name: "Cancel" }).click();
    await page.waitForTimeout(300);
    expect(writes).toEqual([]);
    await expect(row).toContainText("active");
    await row.getByRole("button", { name: `Disable ${email}` }).click();
    await question.getByRole("button", { name: "Disable account" }).click();
    await expect(page.getByText(`${email} disabled and signed out.`)).toBeVisible();
    await expect(row).toContainText("disabled");
  });

  test("a refund asks first: cancel sends nothing, confirm requests it", async ({ page, browser }) => {
    const [product] = findStockedProducts("northwind", 1, 15);
    const buyer = await browser.newContext({ extraHTTPHeaders: { "x-forwarded-for": clientIpFor("confirm-buyer") } });
    let orderId = "";
    try {
      const shop = await buyer.newPage();
      await addProductToCart(shop, `/products/${product!.slug}`);
      await shop.goto("/cart");
      await shop.getByRole("button", { name: "Check out" }).click();
      await expect(shop).toHaveURL(new RegExp(`:${PORT + 91}/checkout/cs_test_`));
      await payOnTestCheckout(shop, "confirm-refund@example.test");
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
    let nativeDialogs = 0;
    page.on("dialog", (dialog) => {
      nativeDialogs += 1;
      void dialog.dismiss();
    });
    const refunds: string[] = [];
    page.on("request", (request) => {
      if (request.url().includes("/refund")) refunds.push(request.method());
    });
    await page.getByRole("button", { name: "Refund" }).click();
    const dialog = page.getByRole("dialog", { name: /^Refund \$/ });
    await expect(dialog).toBeVisible();
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await page.waitForTimeout(300);
    expect(refunds).toEqual([]);
    await expect(page.getByTestId("merchant-order-status")).toHaveText("Status: Paid");

    await page.getByRole("button", { name: "Refund" }).click();
    await dialog.getByRole("button", { name: "Refund" }).click();
    await expect(page.getByText("Refund requested")).toBeVisible();
    expect(refunds).toEqual(["POST"]);
    expect(nativeDialogs).toBe(0);

    // The audit trail tells it as a sentence, with a link to the order.
    await page.goto("/dashboard/audit");
    const reference = orderId.slice(-8).toUpperCase();
    const entry = page
      .getByTestId("audit-log")
      .getByRole("row")
      .filter({ hasText: `order ${reference}` })
      .first();
    await expect(entry).toContainText(/requested a refund of \$[\d.,]+ for order/);
    await entry.getByRole("link", { name: reference }).click();
    await expect(page).toHaveURL(new RegExp(`/dashboard/orders/${orderId}$`));
  });
});

test.describe("buttons that need script wait for it", () => {
  // A click that lands before React has hydrated would do nothing and say nothing (a sign-out that
  // leaves the shopper signed in). The server's HTML renders such buttons disabled; hydration
  // enables them.
  test("sign-out, add-to-cart, the variant options and the cart's buttons are disabled until the page's script runs", async ({ page }) => {
    const password = "hydrate lantern quiet fig";
    const email = await registerNewShopper(page, password);
    await signInAndWait(page, email, password);
    const [product] = findStockedProducts("northwind", 1, 21);
    await addProductToCart(page, `/products/${product!.slug}`);

    // The same shopper's pages with the page's script never arriving: what the server's HTML offers.
    const early = await page.context().newPage();
    await early.route(/\/_next\/static\/chunks\//, (route) => route.abort());
    try {
      await early.goto("/account");
      await expect(early.getByRole("button", { name: "Sign out" }).first()).toBeDisabled();
      await early.goto(`/products/${product!.slug}`);
      await expect(early.getByRole("button", { name: "Add to cart" })).toBeDisabled();
      await early.goto("/products/ridgeline-shell-jacket");
      await expect(early.getByRole("radio").nth(1)).toBeDisabled();
      await early.goto("/cart");
      await expect(early.getByRole("button", { name: "Check out" })).toBeDisabled();
      await expect(early.getByRole("button", { name: /^Remove/ }).first()).toBeDisabled();
    } finally {
      await early.close();
    }

    await page.goto("/cart");
    await expect(page.getByRole("button", { name: "Check out" })).toBeEnabled();
    await page.goto(`/products/${product!.slug}`);
    await expect(page.getByRole("button", { name: "Add to cart" })).toBeEnabled();
    await page.goto("/account");
    await page.getByRole("button", { name: "Sign out" }).first().click();
    await expect(
      page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }),
    ).toBeVisible();
  });
});
