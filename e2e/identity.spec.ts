import type { Browser } from "@playwright/test";
import { clientIpFor, expect, storeUrl, test } from "./fixtures";
import { readLatestMail } from "./support/database";
import { DEMO_PASSWORD, registerNewShopper, signInThroughForm } from "./support/flows";
import { newClient, signIn } from "./support/http-session";
import { signInAsAdministrator, totpCode } from "./support/second-factor";
import { tagAsvs } from "../security/asvs-ids";

test("a shopper registers, confirms, signs out and signs in again", async ({ page }) => {
  const password = "lantern orbit velvet cactus";
  const email = await registerNewShopper(page, password);

  await signInThroughForm(page, email, password);
  await expect(page).toHaveURL(/\/account$/);
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: /Account/ })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/account");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Faccount/);

  await signInThroughForm(page, email, password);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
});

test("registration refuses a weak password with a clear message and keeps nothing", async ({ page }) => {
  await page.goto("/register");
  await page.getByLabel("Email").fill("weak@example.test");
  await page.getByLabel("Password", { exact: true }).fill("password1234");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("This password is too common")).toBeVisible();
  expect(readLatestMail("weak@example.test")).toBeUndefined();
});

test.describe("failed sign-in", () => {
  // The browser logs the 401 of a refused sign-in as a console error.
  test.use({ allowedConsoleErrors: /status of 401/ });

  test("a wrong password gets the same generic message as an unknown email", async ({ page }) => {
    await signInThroughForm(page, "shopper@northwind.test", "not my password");
    const message = page.locator("#sign-in-error");
    await expect(message).toContainText("We couldn't sign you in");
    const wrong = await message.textContent();
    await signInThroughForm(page, "nobody@northwind.test", "not my password");
    await expect(message).toHaveText(wrong ?? "");
  });
});

test.describe("two-step verification", () => {
  test.use({ allowedConsoleErrors: /status of 401/ });

  test("a shopper turns it on, then signs in with a code from the app or a recovery code", async ({ page }) => {
    const password = "meadow cobalt lantern pike";
    const email = await registerNewShopper(page, password);
    await signInThroughForm(page, email, password);
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
    const section = page.getByRole("region", { name: "Two-step verification" });
    await section.getByRole("button", { name: "Set up two-step verification" }).click();
    const secret = (await section.getByTestId("totp-secret").textContent())!.trim();
    await section.getByLabel("Your password").fill(password);
    await section.getByLabel("Code from your app").fill(totpCode(secret));
    await section.getByRole("button", { name: "Turn on" }).click();
    const listed = section.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
    await expect(listed).toHaveCount(10);
    const codes = await listed.allTextContents();
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(
      page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }),
    ).toBeVisible();

    // The right password alone asks for the code; a wrong code says so; the next code signs in.
    await signInThroughForm(page, email, password);
    await expect(page.getByLabel("Verification code")).toBeVisible();
    await page.getByLabel("Verification code").fill("000000");
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.locator("#sign-in-error")).toContainText("That code didn't work");
    await page.getByLabel("Verification code").fill(totpCode(secret, 1));
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
    await expect(section).toContainText("Recovery codes left: 10");

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(
      page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }),
    ).toBeVisible();
    await signInThroughForm(page, email, password);
    await page.getByLabel("Verification code").fill(codes[0]!);
    await page.getByRole("button", { name: "Verify" }).click();
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
    await expect(section).toContainText("Recovery codes left: 9");
  });
});

test.describe("targeted lockout", () => {
  test.use({ allowedConsoleErrors: /status of 4(01|29)/ });

  test("guesses from elsewhere lock an account, but not the browser its owner signed in with before", async ({
    page,
  }) => {
    const password = "harbour quartz lantern fig";
    const email = await registerNewShopper(page, password);
    await signInThroughForm(page, email, password);
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
    const device = (await page.context().cookies()).find((cookie) => cookie.name.endsWith("bulwark.device"));
    expect(device, "a device cookie after a successful sign-in").toMatchObject({ httpOnly: true, sameSite: "Lax" });
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(
      page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: "Sign in" }),
    ).toBeVisible();

    // An attacker spends the account's budget from many addresses, enough to lock anyone else out.
    const shop = storeUrl("localhost", "");
    const statuses: number[] = [];
    for (let i = 0; i < 24; i++) statuses.push((await signIn(shop, email, `guess-${i}`)).response.status);
    expect(statuses.slice(-3)).toEqual([429, 429, 429]);
    const stranger = await signIn(shop, email, password, newClient());
    expect(stranger.response.status, "the right password from a new device waits out the lock").toBe(429);
    // A forged device cookie buys nothing either.
    const forged = newClient();
    forged.jar.set(
      device!.name,
      device!.value.replace(/^./, (c) => (c === "A" ? "B" : "A")),
    );
    expect((await signIn(shop, email, password, forged)).response.status).toBe(429);

    // The owner's browser still signs in.
    await signInThroughForm(page, email, password);
    await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  });
});

let devices = 0;
async function newSignedInContext(browser: Browser, email: string, password: string) {
  // Another device: another browser, another address.
  devices += 1;
  const context = await browser.newContext({
    extraHTTPHeaders: { "x-forwarded-for": clientIpFor(`${email}-${devices}`) },
  });
  const page = await context.newPage();
  await signInThroughForm(page, email, password);
  await expect(page.getByText(`Signed in as ${email}`)).toBeVisible();
  return { context, page };
}

test("changing the password signs out the shopper's other sessions", async ({ page, browser }) => {
  const password = "first good passphrase here";
  const email = await registerNewShopper(page, password);
  const laptop = await newSignedInContext(browser, email, password);
  const phone = await newSignedInContext(browser, email, password);
  try {
    await laptop.page.reload();
    await expect(laptop.page.getByTestId("session-list").getByRole("listitem")).toHaveCount(2);
    await laptop.page.getByLabel("Current password").fill(password);
    await laptop.page.getByLabel("New password", { exact: true }).fill("second good passphrase now");
    await laptop.page.getByLabel("Repeat new password").fill("second good passphrase now");
    await laptop.page.getByRole("button", { name: "Change password" }).click();
    await expect(laptop.page.getByText("Your password is changed. 1 other session was signed out.")).toBeVisible();
    await expect(laptop.page.getByTestId("session-list").getByRole("listitem")).toHaveCount(1);

    await phone.page.goto("/account");
    await expect(phone.page).toHaveURL(/\/sign-in/);
    await laptop.page.goto("/account");
    await expect(laptop.page.getByText(`Signed in as ${email}`)).toBeVisible();
  } finally {
    await laptop.context.close();
    await phone.context.close();
  }
});

test("a shopper can sign out another session, or every other session", async ({ page, browser }) => {
  const password = "sessions list passphrase";
  const email = await registerNewShopper(page, password);
  const first = await newSignedInContext(browser, email, password);
  const second = await newSignedInContext(browser, email, password);
  const third = await newSignedInContext(browser, email, password);
  try {
    await first.page.reload();
    const rows = first.page.getByTestId("session-list").getByRole("listitem");
    await expect(rows).toHaveCount(3);
    await first.page.getByRole("button", { name: "Sign out this session" }).first().click();
    await expect(first.page.getByText("That session is signed out.")).toBeVisible();
    await expect(rows).toHaveCount(2);
    await first.page.getByRole("button", { name: "Sign out everywhere else" }).click();
    await expect(first.page.getByText("Signed out 1 other session.")).toBeVisible();
    await expect(rows).toHaveCount(1);
    for (const other of [second, third]) {
      await other.page.goto("/account");
      await expect(other.page).toHaveURL(/\/sign-in/);
    }
  } finally {
    await Promise.all([first, second, third].map((c) => c.context.close()));
  }
});

test.describe("roles", () => {
  test.use({ allowedConsoleErrors: /status of (401|404)/ });

  test(`${tagAsvs("V4.1.3")} a customer cannot open the merchant dashboard or the admin area`, async ({ page }) => {
    await signInThroughForm(page, "shopper@northwind.test", DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/account$/);
    const dashboard = await page.goto("/dashboard");
    expect(dashboard?.status()).toBe(404);
    // The admin area lives on the platform host, where this store's session means nothing.
    await page.goto(storeUrl("admin.localhost", "/admin"));
    await expect(page).toHaveURL(/\/admin\/sign-in/);
    await signInThroughForm(
      page,
      "shopper@northwind.test",
      DEMO_PASSWORD,
      storeUrl("admin.localhost", "/admin/sign-in"),
    );
    await expect(page.locator("#sign-in-error")).toContainText("We couldn't sign you in");
  });

  test("a merchant reaches the dashboard of their own store only", async ({ page }) => {
    await signInThroughForm(page, "merchant@northwind.test", DEMO_PASSWORD, "/sign-in?callbackUrl=/dashboard");
    await expect(page.getByRole("heading", { name: "Northwind Outfitters dashboard" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Low and out of stock" })).toContainText("NW-");
    // Two-step verification is optional for merchants, and the dashboard asks for it.
    await expect(page.getByRole("note").filter({ hasText: "turn on two-step verification" })).toBeVisible();
    await page.goto(storeUrl("lumen.localhost", "/dashboard"));
    await expect(page).toHaveURL(/lumen\.localhost.*\/sign-in/);
  });

  test("the administrator signs in on the platform host and sees the security log", async ({ page }) => {
    await signInAsAdministrator(page);
    await expect(page.getByRole("heading", { name: "Platform overview" })).toBeVisible();
    await expect(page.getByTestId("tenants")).toContainText("lumen.localhost");
    await expect(page.getByTestId("security-events")).toContainText("auth.login_succeeded");
  });
});

test("a signed-in shopper stays signed in across many access-claim expiries while browsing", async ({ page }) => {
  // The fast-clock instance: the access claim lasts 2 s, so this walk rotates several times,
  // with client navigations, prefetches and full loads racing each rotation.
  const fast = `http://localhost:${Number(process.env.E2E_PORT || 3100) + 1}`;
  await signInThroughForm(page, "shopper@northwind.test", DEMO_PASSWORD, `${fast}/sign-in`);
  await expect(page.getByText("Signed in as shopper@northwind.test")).toBeVisible();
  for (const path of ["/products", "/categories/tops", "/search?q=wool", "/account"]) {
    await page.waitForTimeout(2_300);
    await page.goto(`${fast}${path}`);
    await expect(
      page.getByRole("navigation", { name: "Account" }).getByRole("link", { name: /Account/ }),
    ).toBeVisible();
  }
  await page.waitForTimeout(2_300);
  await page.getByRole("navigation", { name: "Categories" }).getByRole("link", { name: "Footwear" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Footwear" })).toBeVisible();
  await page
    .getByRole("navigation", { name: "Account" })
    .getByRole("link", { name: /Account/ })
    .click();
  await expect(page.getByText("Signed in as shopper@northwind.test")).toBeVisible();
});
