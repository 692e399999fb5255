import { expect as baseExpect, test as baseTest } from "@playwright/test";
import { expect, test } from "./fixtures";
import { openE2eDatabase } from "./support/database";
import { awayFromWindowEdge, newClient, request, type Client } from "./support/http-session";

const PORT = Number(process.env.E2E_PORT || 3100);
const SHOP = `http://localhost:${PORT}`;
const FAST = `http://localhost:${PORT + 1}`;
const STRICT = `http://localhost:${PORT + 2}`;

async function attemptSignIn(base: string, client: Client, email: string): Promise<Response> {
  const csrf = ((await (await request(base, "/api/auth/csrf", client)).json()) as { csrfToken: string }).csrfToken;
  return request(base, "/api/auth/callback/credentials", client, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: csrf, email, password: "wrong password", json: "true" }),
  });
}

baseTest.describe("rate limits", () => {
  baseTest("20 rapid sign-in attempts: 429 with Retry-After and RateLimit headers after the limit", async () => {
    await awayFromWindowEdge();
    const client = newClient();
    const statuses: number[] = [];
    let blocked: Response | undefined;
    for (let i = 0; i < 20; i++) {
      // One account (many accounts from one address is credential stuffing, which gets contained).
      const response = await attemptSignIn(SHOP, client, `guess-${client.ip}@example.test`);
      statuses.push(response.status);
      if (response.status === 429) blocked ??= response;
    }
    baseExpect(statuses.slice(0, 10)).toEqual(Array(10).fill(401));
    baseExpect(statuses.slice(10)).toEqual(Array(10).fill(429));
    baseExpect(Number(blocked!.headers.get("retry-after"))).toBeGreaterThan(0);
    baseExpect(blocked!.headers.get("ratelimit-limit")).toBe("10");
    baseExpect(blocked!.headers.get("ratelimit-remaining")).toBe("0");
    baseExpect(Number(blocked!.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    baseExpect(await blocked!.json()).toMatchObject({ error: baseExpect.stringContaining("Too many requests") });

    const db = openE2eDatabase();
    try {
      await baseExpect
        .poll(() =>
          db
            .prepare(`SELECT count(*) AS n FROM "SecurityEvent" WHERE type = 'ratelimit.blocked' AND ip = ?`)
            .get(client.ip),
        )
        .toEqual({ n: 1 });
    } finally {
      db.close();
    }
  });

  baseTest("the limit holds across two app instances sharing Redis", async () => {
    await awayFromWindowEdge();
    const client = newClient();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++)
      // One account: twelve accounts from one address would be credential stuffing, and contained.
      statuses.push((await attemptSignIn(i % 2 ? FAST : SHOP, client, `shared-${client.ip}@example.test`)).status);
    baseExpect(statuses.filter((s) => s === 401)).toHaveLength(10);
    baseExpect(statuses.slice(10)).toEqual([429, 429]);
  });

  baseTest("a spoofed X-Forwarded-For from an untrusted peer does not dodge the limit", async () => {
    await awayFromWindowEdge();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) {
      // A new "address" every time, on an instance that trusts no proxy.
      statuses.push(
        (await attemptSignIn(STRICT, { jar: new Map(), ip: `203.0.113.${i + 1}` }, `spoof-${i}@example.test`)).status,
      );
    }
    baseExpect(statuses.slice(10)).toEqual([429, 429]);
  });

  baseTest("browsing under the page limit is never blocked", async () => {
    const client = newClient();
    const paths = ["/", "/products", "/categories/jackets", "/products/ridgeline-shell-jacket", "/products?page=2"];
    for (let i = 0; i < 60; i++) baseExpect((await request(SHOP, paths[i % paths.length]!, client)).status).toBe(200);
  });

  baseTest("browsers over a limit get a page, API callers JSON", async () => {
    await awayFromWindowEdge();
    const client = newClient();
    let last: Response | undefined;
    for (let i = 0; i < 31; i++)
      last = await request(SHOP, `/search?q=wool${i}`, client, { headers: { accept: "text/html" } });
    baseExpect(last!.status).toBe(429);
    baseExpect(last!.headers.get("content-type")).toContain("text/html");
    baseExpect(await last!.text()).toContain("Slow down a little");
  });
});

baseTest.describe("security headers", () => {
  baseTest("every response carries them, with a fresh nonce that Next.js's scripts use", async () => {
    const client = newClient();
    const nonces = new Set<string>();
    for (const path of [
      "/",
      "/products/halo-pendant-lamp",
      "/sign-in",
      "/no-such-page",
      "/api/account/session",
      "/robots.txt",
    ]) {
      const response = await request(SHOP, path, client);
      const csp = response.headers.get("content-security-policy") ?? "";
      baseExpect(csp, path).toContain("frame-ancestors 'none'");
      baseExpect(csp).toContain("'strict-dynamic'");
      baseExpect(response.headers.get("x-content-type-options")).toBe("nosniff");
      baseExpect(response.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
      baseExpect(response.headers.get("strict-transport-security")).toContain("max-age=63072000");
      baseExpect(response.headers.get("permissions-policy")).toBeTruthy();
      baseExpect(response.headers.get("cross-origin-opener-policy")).toBe("same-origin");
      const nonce = /'nonce-([^']+)'/.exec(csp)![1]!;
      nonces.add(nonce);
      if (path === "/") {
        const html = await response.text();
        const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
        baseExpect(scripts.length).toBeGreaterThan(0);
        for (const tag of scripts) baseExpect(tag).toContain(`nonce="${nonce}"`);
      }
    }
    baseExpect(nonces.size).toBe(6);
    const asset = await request(SHOP, "/assets/logos/northwind.svg", client);
    baseExpect(asset.headers.get("x-content-type-options")).toBe("nosniff");
  });

  baseTest("the CSP report endpoint records reports, refuses junk and is size-capped", async () => {
    await awayFromWindowEdge();
    const client = newClient();
    const post = (body: string, type = "application/csp-report") =>
      request(SHOP, "/api/csp-report", client, { method: "POST", headers: { "content-type": type }, body });
    const marker = `https://evil.example/${client.ip}.js`;
    baseExpect(
      (
        await post(
          JSON.stringify({
            "csp-report": { "document-uri": `${SHOP}/`, "violated-directive": "script-src", "blocked-uri": marker },
          }),
        )
      ).status,
    ).toBe(204);
    baseExpect(
      (
        await post(
          JSON.stringify([
            { type: "csp-violation", url: `${SHOP}/`, body: { effectiveDirective: "img-src", blockedURL: marker } },
          ]),
          "application/reports+json",
        )
      ).status,
    ).toBe(204);
    baseExpect((await post("{not json")).status).toBe(400);
    baseExpect((await post(JSON.stringify({ hello: "world" }))).status).toBe(400);
    baseExpect((await post("x".repeat(20_000))).status).toBe(413);
    const db = openE2eDatabase();
    try {
      const rows = db
        .prepare(`SELECT details FROM "SecurityEvent" WHERE type = 'csp.violation' AND details LIKE ?`)
        .all(`%${client.ip}%`);
      baseExpect(rows).toHaveLength(2);
    } finally {
      db.close();
    }
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) statuses.push((await post("{}")).status);
    baseExpect(statuses).toContain(429);
  });
});

test("pages load with zero CSP violations, and the product page still works", async ({ page }) => {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __csp: string[] }).__csp = seen;
    document.addEventListener("securitypolicyviolation", (event) =>
      seen.push(`${event.violatedDirective} ${event.blockedURI}`),
    );
  });
  const violations = () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
  for (const path of ["/", "/categories/footwear?size=42", "/search?q=merino", "/sign-in", "/register"]) {
    await page.goto(path);
    await page.waitForLoadState("networkidle");
    expect(await violations(), path).toEqual([]);
  }
  await page.goto("/products/ridgeline-shell-jacket");
  const sku = page.getByTestId("sku");
  const before = await sku.textContent();
  await expect(page.getByRole("radio").nth(1)).toBeEnabled();
  await page.getByRole("radio").nth(1).check({ force: true });
  await expect(sku).not.toHaveText(before ?? "");
  expect(await violations()).toEqual([]);
});
