import { clientIpFor, expect, storeUrl, test } from "./fixtures";
import { DEMO_PASSWORD, signInAndWait } from "./support/flows";
import { newClient, request, signIn, type Client } from "./support/http-session";
import { adminUrl, signInAsAdministrator } from "./support/second-factor";

// The refused look-up with a malformed time is a 400 the browser logs.
test.use({ allowedConsoleErrors: /status of 400/ });

test("a scanner is contained within seconds: its address gets nothing more, other shoppers notice nothing", async () => {
  const shop = storeUrl("localhost", "");
  const scanner = newClient();
  const shopper = newClient();
  const agent = { "user-agent": "sqlmap/1.8.4#stable (https://sqlmap.org)" };
  const started = Date.now();
  const paths = [
    "/.env",
    "/.git/config",
    "/search?q=1%27%20UNION%20SELECT%20password%20FROM%20users--",
    "/wp-login.php",
  ];
  // A tool that names itself is refused from its first request...
  for (const path of paths) expect((await request(shop, path, scanner, { headers: agent })).status).toBe(403);
  // ...and within seconds its address gets nothing more, even with an ordinary browser's agent.
  const asBrowser = { accept: "text/html", "user-agent": "Mozilla/5.0" };
  await expect
    .poll(async () => (await request(shop, "/", scanner, { headers: asBrowser })).status, {
      timeout: 10_000,
      intervals: [200],
    })
    .toBe(403);
  expect(Date.now() - started).toBeLessThan(10_000);
  const page = await request(shop, "/", scanner, { headers: asBrowser });
  expect(page.status).toBe(403);
  expect(Number(page.headers.get("retry-after"))).toBeGreaterThan(60);
  // ...while a shopper next door browses and searches as usual.
  expect((await request(shop, "/", shopper, { headers: { accept: "text/html" } })).status).toBe(200);
  expect((await request(shop, "/search?q=wool", shopper, { headers: { accept: "text/html" } })).status).toBe(200);
});

// A credential-stuffing burst against a store — many accounts, one /24 — is detected within
// seconds by the rules running in the server, and the alert is handled in the console.
test("an administrator sees a stuffing burst as one alert, acknowledges and resolves it; merchants see their store's only", async ({
  page,
  browser,
}) => {
  const shop = storeUrl("localhost", "");
  const block = 10 + Math.floor(Math.random() * 200);
  const prefix = `100.70.${block}`;
  const sent = Date.now();
  // A shopper on the same network, who has signed in from this browser before.
  const neighbour: Client = { jar: new Map(), ip: `${prefix}.250` };
  expect((await signIn(shop, "shopper@northwind.test", DEMO_PASSWORD, neighbour)).response.status).toBe(200);
  // Ten accounts (the rule's threshold) are answered; the incident is detected on the tenth.
  for (let i = 0; i < 10; i++) {
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
  // The chart by rule counts the burst's failed sign-ins (at least the ten sent here).
  const activity = page.getByTestId("rule-activity").getByRole("row", { name: /^credential-stuffing/ });
  const drawn = Number(await activity.getByRole("cell").first().textContent());
  expect(drawn).toBeGreaterThanOrEqual(10);
  await expect(activity.getByRole("img")).toHaveAttribute(
    "aria-label",
    new RegExp(`credential-stuffing: ${drawn} events`),
  );

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

  // Contained within seconds: the prefix is refused sign-in, but still browses; others sign in.
  const sameNetwork = (): Client => ({ jar: new Map(), ip: `${prefix}.${100 + Math.floor(Math.random() * 100)}` });
  await expect
    .poll(
      async () => (await signIn(shop, `late-${sent}@example.test`, "hunter2hunter2", sameNetwork())).response.status,
      {
        timeout: 10_000,
        intervals: [500],
      },
    )
    .toBe(403);
  expect((await request(shop, "/", sameNetwork(), { headers: { accept: "text/html" } })).status).toBe(200);
  // The neighbour's browser is a trusted device of its account: it still signs in.
  expect((await signIn(shop, "shopper@northwind.test", DEMO_PASSWORD, neighbour)).response.status).toBe(200);
  expect((await signIn(shop, "shopper@northwind.test", DEMO_PASSWORD)).response.status).toBe(200);
  await page.reload();
  await expect(page.getByTestId("security-blocks")).toContainText(`${prefix}.0/24`);
  await page
    .getByTestId("security-blocks")
    .getByRole("button", { name: `Lift the block on ${prefix}.0/24` })
    .click();
  // A lifted block leaves the list (and its row's message with it).
  await expect(page.getByRole("button", { name: `Lift the block on ${prefix}.0/24` })).toHaveCount(0);
  await expect
    .poll(
      async () => (await signIn(shop, `late-${sent}@example.test`, "hunter2hunter2", sameNetwork())).response.status,
      {
        timeout: 10_000,
        intervals: [500],
      },
    )
    .toBe(401);

  await row.getByRole("button", { name: "Acknowledge credential-stuffing" }).click();
  await expect(page.getByText("credential-stuffing acknowledged.")).toBeVisible();
  await expect(row).toContainText("acknowledged");
  await row.getByRole("button", { name: "Resolve credential-stuffing" }).click();
  // A resolved alert has no buttons left (so no message either): its row says so.
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
