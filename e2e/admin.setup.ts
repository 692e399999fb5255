import { spawnSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "./fixtures";
import { DEMO_PASSWORD, signInAndWait } from "./support/flows";
import { ADMIN_EMAIL, adminUrl, saveAdminEnrolment, SECOND_ADMIN, totpCode } from "./support/second-factor";

// Runs before every other end-to-end test: the demo administrator signs in for the first time and
// must set up two-step verification before the console does anything.
// The refused API call below is logged by the browser.
test.use({ allowedConsoleErrors: /status of 403/ });

test("an administrator without two-step verification can do nothing until it is set up", async ({ page }) => {
  await signInAndWait(page, ADMIN_EMAIL, DEMO_PASSWORD, adminUrl("/admin/sign-in?callbackUrl=/admin/events"));
  await expect(page).toHaveURL(/\/admin\/two-factor\?callbackUrl=%2Fadmin%2Fevents$/);
  await expect(page.getByText("Administrators must use two-step verification")).toBeVisible();
  // Every console page and API sends it back here or refuses.
  await page.goto(adminUrl("/admin/tenants/lumen"));
  await expect(page).toHaveURL(/\/admin\/two-factor/);
  const api = await page.evaluate(async () => {
    const response = await fetch("/api/admin/tenants", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ slug: "never-made", name: "Never", currency: "GBP", host: "never.localhost" }),
    });
    return { status: response.status, body: (await response.json()) as unknown };
  });
  expect(api).toEqual({
    status: 403,
    body: { error: "Set up two-step verification, or sign in again with it, to continue." },
  });
  await page.getByRole("button", { name: "Set up two-step verification" }).click();
  await expect(page.getByRole("img", { name: "QR code for your authenticator app" })).toBeVisible();
  const secret = (await page.getByTestId("totp-secret").textContent())!.trim();
  expect(secret.replace(/ /g, "")).toMatch(/^[A-Z2-7]{32}$/);
  // The password is asked too: a stolen session alone cannot enrol a thief's phone.
  await page.getByLabel("Your password").fill(DEMO_PASSWORD);
  await page.getByLabel("Code from your app").fill("000000");
  await page.getByRole("button", { name: "Turn on" }).click();
  await expect(page.getByText("That code doesn't match").first()).toBeVisible();
  await page.getByLabel("Your password").fill(DEMO_PASSWORD);
  await page.getByLabel("Code from your app").fill(totpCode(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  saveAdminEnrolment({ secret, recoveryCodes: await codes.allTextContents() });

  // Back to where it was going when it was sent to set this up.
  await page.getByRole("link", { name: /continue/ }).click();
  await expect(page).toHaveURL(/\/admin\/tenants\/lumen$/);
  await page.goto(adminUrl("/admin/events"));
  await expect(page.getByTestId("security-events")).toContainText("auth.second_factor_enrolled");
});

test("a second administrator, made by npm run admin:create, sets up two-step verification too", async ({ page }) => {
  // The console's own command, against the e2e database, as an operator would run it.
  const created = spawnSync(
    "npm",
    ["run", "--silent", "admin:create", "--", "--email", SECOND_ADMIN.email, "--name", "Ops E2E"],
    {
      env: { ...process.env, DATABASE_URL: `file:${path.resolve("data/e2e.db")}` },
      input: `${SECOND_ADMIN.password}\n`,
      encoding: "utf8",
    },
  );
  expect(created.stdout + created.stderr).toContain(`Administrator ${SECOND_ADMIN.email} created`);
  await signInAndWait(page, SECOND_ADMIN.email, SECOND_ADMIN.password, adminUrl("/admin/sign-in?callbackUrl=/admin"));
  await expect(page).toHaveURL(/\/admin\/two-factor/);
  await page.getByRole("button", { name: "Set up two-step verification" }).click();
  const secret = (await page.getByTestId("totp-secret").textContent())!.replace(/ /g, "").trim();
  await page.getByLabel("Your password").fill(SECOND_ADMIN.password);
  await page.getByLabel("Code from your app").fill(totpCode(secret));
  await page.getByRole("button", { name: "Turn on" }).click();
  const codes = page.getByRole("list", { name: "Recovery codes" }).getByRole("listitem");
  await expect(codes).toHaveCount(10);
  saveAdminEnrolment({ secret, recoveryCodes: await codes.allTextContents() }, SECOND_ADMIN);
});
