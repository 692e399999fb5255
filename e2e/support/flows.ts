import { expect, type Page } from "@playwright/test";
import { readLatestMail } from "./database";

export const DEMO_PASSWORD = "correct-horse-battery-staple";

export async function signInThroughForm(page: Page, email: string, password: string, path = "/sign-in") {
  await page.goto(path);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

/** Signs in through the form and waits until the browser has left the sign-in page. */
export async function signInAndWait(page: Page, email: string, password: string, path = "/sign-in") {
  await signInThroughForm(page, email, password, path);
  await page.waitForURL((url) => !url.pathname.endsWith("/sign-in"), { timeout: 15_000 });
}

/**
 * Registers through the form and follows the confirmation link from the store's outbox; `origin`
 * names another store than the default one (e.g. http://new-shop.localhost:3100).
 */
export async function registerNewShopper(page: Page, password: string, origin = ""): Promise<string> {
  const email = `shopper-${Date.now()}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  await page.goto(`${origin}/register`);
  await page.getByLabel("Name").fill("Robin Tester");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByRole("status")).toContainText(`We've sent an email to ${email}`);
  const mail = readLatestMail(email);
  expect(mail?.subject).toContain("Confirm your email");
  const link = new URL(/https?:\/\/\S+\/verify-email\?token=[\w-]+/.exec(mail!.text)![0]);
  await page.goto(origin + link.pathname + link.search);
  await page.getByRole("button", { name: "Confirm my email" }).click();
  await expect(page.getByRole("status")).toContainText("Your email is confirmed");
  return email;
}

/** Opens a product page and adds its preselected (first in-stock) option to the cart. */
export async function addProductToCart(page: Page, path: string) {
  await page.goto(path);
  await page.getByRole("button", { name: "Add to cart" }).click();
  await expect(page.getByText("Added to your cart.")).toBeVisible();
}

/**
 * On the emulator's hosted checkout page: fills in the email, phone and a shipping address in
 * `country` (by name), picks the shipping option whose label starts with `shipping` (else keeps the
 * first), and pays.
 */
export async function payOnTestCheckout(
  page: Page,
  email: string,
  { country = "United States", shipping }: { country?: string; shipping?: string } = {},
) {
  await expect(page).toHaveURL(/\/checkout\/cs_test_/);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Phone").fill("+1 503 555 0100");
  await page.getByLabel("Full name").fill("Robin Tester");
  await page.getByLabel("Address line 1").fill("1 Test Street");
  await page.getByLabel("City").fill("Portland");
  await page.getByLabel("State or region (optional)").fill("OR");
  await page.getByLabel("Postal code").fill("97201");
  await page.getByLabel("Country").selectOption({ label: country });
  if (shipping) await page.getByRole("radio", { name: new RegExp(`^${shipping}`) }).check();
  await page.getByRole("button", { name: "Pay", exact: true }).click();
}
