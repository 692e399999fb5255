import { clientIpFor, expect, storeUrl, test } from "./fixtures";
import { DEMO_PASSWORD, signInAndWait } from "./support/flows";
import { signIn, type Client } from "./support/http-session";
import { adminUrl, signInAsAdministrator } from "./support/second-factor";

// The refused look-up with a malformed time is a 400 the browser logs.
test.use({ allowedConsoleErrors: /status of 400/ });

// A credential-stuffing burst against a store — many accounts, one /24 — is detected within
// seconds by the rules running in the server, and the alert is handled in the console.
test("an administrator sees a stuffing burst as one alert, acknowledges and resolves it; merchants see their store's only", async ({
  page,
  browser,
}) => {
  const shop = storeUrl("localhost", "");
  const block = 10 + Math.floor(Math.random() * 200);
  const prefix = `203.0.${block}`;
  const sent = Date.now();
  for (let i = 0; i < 12; i++) {
    const client: Client = { jar: new Map(), ip: `${prefix}.${i + 1}` };
    const { response } = await signIn(shop, `stuffed-${sent}-${i}@example.test`, "hunter2hunter2", client);
    expect(response.status).toBe(401);
  }

  await signInAsAdministrator(page);
  const row = page
    .getByTestId("security-alerts")
    .getByRole("row")
    .filter({ hasText: `${prefix}.0/24` });
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("credential-stuffing", { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("open");
  await expect(row).toContainText("Northwind Outfitters");

  // The same alert through the API, detected within seconds of the first attempt.
  const api = await page.evaluate(
    async (since) => {
      const response = await fetch(`/api/admin/alerts?since=${encodeURIComponent(since)}`);
      return (await response.json()) as { rule: string; key: string; firstEventAt: string; detectedAt: string }[];
    },
    new Date(sent - 1_000).toISOString(),
  );
  const alert = api.find((a) => a.key === `${prefix}.0/24`)!;
  expect(alert.rule).toBe("credential-stuffing");
  expect(new Date(alert.detectedAt).getTime() - new Date(alert.firstEventAt).getTime()).toBeLessThan(15_000);
  const refused = await page.evaluate(() => fetch("/api/admin/alerts?since=yesterday").then((r) => r.status));
  expect(refused).toBe(400);

  await row.getByRole("button", { name: "Acknowledge credential-stuffing" }).click();
  await expect(page.getByText("credential-stuffing acknowledged.")).toBeVisible();
  await expect(row).toContainText("acknowledged");
  await row.getByRole("button", { name: "Resolve credential-stuffing" }).click();
  await expect(page.getByText("credential-stuffing resolved.")).toBeVisible();
  await expect(row).toContainText("resolved");
  await page.goto(adminUrl("/admin/events?type=admin.action"));
  await expect(page.getByTestId("security-events")).toContainText("alert.resolved");

  // Northwind's merchant sees it; Lumen's does not.
  for (const [host, visible] of [
    ["localhost", true],
    ["lumen.localhost", false],
  ] as const) {
    const context = await browser.newContext({
      extraHTTPHeaders: { "x-forwarded-for": clientIpFor(`alerts-${host}`) },
    });
    try {
      const merchant = await context.newPage();
      const email = host === "localhost" ? "merchant@northwind.test" : "merchant@lumen.test";
      await signInAndWait(merchant, email, DEMO_PASSWORD, storeUrl(host, "/sign-in?callbackUrl=/dashboard"));
      const section = merchant.getByRole("region", { name: "Security alerts for your store" });
      await expect(section).toBeVisible();
      if (visible) await expect(section).toContainText(`${prefix}.0/24`);
      else await expect(section).not.toContainText(`${prefix}.0/24`);
    } finally {
      await context.close();
    }
  }
});
