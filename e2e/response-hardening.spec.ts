import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { tagAsvs } from "../security/asvs-ids";
import { findStockedProducts } from "./support/database";
import { expectHardened, expectNothingInternal } from "./support/hardening";
import { requestOnHost } from "./support/host-request";
import { newClient, request, signIn, type Client } from "./support/http-session";
import { discoverRoutes, type Route } from "./support/route-tree";
import { registerNewShopper } from "./support/flows";

// Every kind of response the app gives — each page and route of the app tree, Next.js's 404, the
// middleware's 400 and 429, the guard's 413 and 415, an uploaded file — carries the security
// headers, and no error answer shows a stack trace, an internal path, a secret or raw input.

const PORT = Number(process.env.E2E_PORT || 3100);
const SHOP = `http://localhost:${PORT}`;
// Node's fetch does not resolve *.localhost as browsers do: other hosts are named in the Host header.
const CONSOLE_HOST = `admin.localhost:${PORT}`;
const HOSTILE = `<script>alert("bulwark-13")</script>`;

test.describe.configure({ mode: "parallel" });

/** A path for a route of the tree (dynamic segments: a real slug or a missing id) and its host. */
function urlFor(route: Route, slugs: Record<string, string>): { path: string; host: string } {
  const filled = route.template
    .replace("[...rest]", "no-such-page")
    .replace("[...nextauth]", "session")
    .replace(/\[(\w+)\]/g, (_all, name: string) =>
      name === "slug" ? (slugs[route.template] ?? "northwind") : "missing-id",
    );
  return { path: filled, host: route.platform ? CONSOLE_HOST : `localhost:${PORT}` };
}

/** An uploaded image of the first store, as the console would have stored it. */
function storeMediaFile(): string {
  const key = `${randomBytes(16).toString("hex")}.png`;
  mkdirSync(path.resolve("data/e2e-uploads"), { recursive: true });
  writeFileSync(
    path.resolve("data/e2e-uploads", key),
    Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex"),
  );
  const db = new Database(path.resolve("data/e2e.db"));
  try {
    const tenant = db.prepare(`SELECT id FROM "Tenant" WHERE slug = 'northwind'`).get() as { id: string };
    db.prepare(
      `INSERT INTO "MediaFile" (id, tenantId, key, contentType, bytes, width, height, createdAt) VALUES (?, ?, ?, 'image/png', 29, 1, 1, ?)`,
    ).run(`media-${key}`, tenant.id, key, Date.now());
  } finally {
    db.close();
  }
  return key;
}

test(`${tagAsvs("V14.4.3", "V14.4.4", "V14.4.5", "V14.4.6", "V14.4.7", "V14.3.3", "V14.4.1", "V14.5.3")} every page and route of the app tree carries the security headers`, async () => {
  test.setTimeout(120_000);
  const product = findStockedProducts("northwind", 1, 0, 0)[0]!;
  const slugs = { "/products/[slug]": product.slug, "/categories/[slug]": "jackets" };
  const routes = discoverRoutes();
  expect(routes.filter((route) => route.kind === "page").length).toBeGreaterThanOrEqual(25);
  for (const route of routes) {
    for (const method of route.methods) {
      const client = newClient();
      const { path: url, host } = urlFor(route, slugs);
      const init: RequestInit =
        method === "GET"
          ? { headers: { host } }
          : {
              method,
              headers: { host, "content-type": "application/json", origin: "https://evil.example" },
              body: "{}",
            };
      const response = await request(SHOP, url, client, init);
      const what = `${method} ${route.template} (${response.status})`;
      expect(response.status, what).toBeLessThan(500);
      expectHardened(response, what, { media: route.template.startsWith("/media/") });
      expectNothingInternal(await response.text(), what);
    }
  }
});

test(`${tagAsvs("V14.4.3", "V14.4.4", "V14.4.7", "V12.5.2")} refusals and files: 404, 400, 413, 415, 429 and an uploaded image`, async () => {
  const limited = newClient();
  let last: Response | undefined;
  for (let attempt = 0; attempt < 31; attempt += 1) last = await request(SHOP, "/search?q=tent", limited);
  expect(last!.status).toBe(429);
  expectHardened(last!, "429 from the middleware");

  const cases: [string, Promise<Response>, number][] = [
    ["unknown path", request(SHOP, "/no/such/page", newClient()), 404],
    ["unknown host", requestOnHost(PORT, `nobody.localhost:${PORT}`, "/", newClient()), 404],
    ["broken encoding", request(SHOP, "/products/%E0%A4%A", newClient()), 400],
    ["internal segment", request(SHOP, "/_tenant/localhost/products", newClient()), 404],
    [
      "oversized JSON",
      request(SHOP, "/api/cart/items", newClient(), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: `{"a":"${"x".repeat(70_000)}"}`,
      }),
      413,
    ],
    [
      "wrong content type",
      request(SHOP, "/api/cart/items", newClient(), {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: "{}",
      }),
      415,
    ],
  ];
  for (const [what, pending, status] of cases) {
    const response = await pending;
    expect(response.status, what).toBe(status);
    expectHardened(response, what);
    expectNothingInternal(await response.text(), what);
  }
  const media = await request(SHOP, `/media/${storeMediaFile()}`, newClient());
  expect(media.status).toBe(200);
  expect(media.headers.get("content-type")).toBe("image/png");
  expectHardened(media, "uploaded image", { media: true });
});

test(`${tagAsvs("V7.4.1", "V5.3.1", "V14.3.2")} error answers show no stack trace, internal path or secret, and never echo input raw`, async () => {
  const encoded = encodeURIComponent(HOSTILE);
  const probes: [string, Promise<Response>][] = [
    ["404 page naming the path", request(SHOP, `/products/${encoded}`, newClient())],
    ["catch-all page", request(SHOP, `/${encoded}/x`, newClient())],
    ["search page", request(SHOP, `/search?q=${encoded}`, newClient())],
    ["query of an API", request(SHOP, `/api/cart?${encoded}=${encoded}`, newClient())],
    [
      "JSON field of an API",
      request(SHOP, "/api/cart/items", newClient(), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ [HOSTILE]: HOSTILE, variantId: HOSTILE }),
      }),
    ],
    [
      "broken JSON",
      request(SHOP, "/api/checkout", newClient(), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: `{"${HOSTILE}`,
      }),
    ],
    ["Host header", requestOnHost(PORT, HOSTILE, "/", newClient())],
    [
      "sign-in form",
      request(SHOP, "/api/auth/callback/credentials", newClient(), {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ email: HOSTILE, password: HOSTILE, csrfToken: HOSTILE }),
      }),
    ],
    [
      "webhook",
      request(SHOP, "/api/webhooks/stripe", newClient(), {
        method: "POST",
        headers: { "content-type": "application/json", "stripe-signature": HOSTILE },
        body: HOSTILE,
      }),
    ],
    [
      "CSP report",
      request(SHOP, "/api/csp-report", newClient(), {
        method: "POST",
        headers: { "content-type": "application/csp-report" },
        body: HOSTILE,
      }),
    ],
  ];
  for (const [what, pending] of probes) {
    const response = await pending;
    const body = await response.text();
    expect(response.status, what).toBeLessThan(500);
    expectNothingInternal(body, what);
    const type = response.headers.get("content-type") ?? "";
    // JSON is encoded by its own rules and never sniffed as a page (nosniff); anything else must
    // not carry the markup as markup.
    if (type.startsWith("application/json")) expect(() => JSON.parse(body), what).not.toThrow();
    else expect(body.includes(HOSTILE), `${what} echoed raw markup`).toBe(false);
    expect(response.headers.get("x-content-type-options"), what).toBe("nosniff");
  }
});

// A network no other test sends from: tests that forge webhooks from their own random addresses
// get those /24s blocked for webhooks (the webhook-forgery rule), which would answer 403 here.
let isolated = 0;
const isolatedClient = (): Client => ({
  jar: new Map(),
  ip: `100.100.${Math.floor(isolated / 250) % 250}.${(isolated++ % 250) + 1}`,
});

test(`${tagAsvs("V13.2.1", "V14.5.3")} a method a route does not define is a 405, and no route grants another origin`, async () => {
  const routes = discoverRoutes().filter(
    (route) => route.kind === "api" && !route.template.includes("nextauth") && !route.template.includes("[..."),
  );
  for (const route of routes) {
    const missing = ["PUT", "PATCH", "DELETE", "POST"].find((method) => !route.methods.includes(method))!;
    const { path: url, host } = urlFor(route, {});
    const response = await requestOnHost(PORT, host, url, isolatedClient(), {
      method: missing,
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    expect(response.status, `${missing} ${route.template}`).toBe(405);
    const preflight = await requestOnHost(PORT, host, url, isolatedClient(), {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": route.methods[0]! },
    });
    expect(preflight.headers.get("access-control-allow-origin"), `preflight ${route.template}`).toBeNull();
    expect(preflight.headers.get("access-control-allow-credentials"), `preflight ${route.template}`).toBeNull();
  }
});

test(`${tagAsvs("V4.3.2", "V8.1.1", "V8.2.1")} no repository metadata or source map is served; personal answers are never stored by caches`, async ({
  browser,
}) => {
  for (const probe of [
    "/.git/config",
    "/.env",
    "/.env.local",
    "/package.json",
    "/data/dev-secret",
    "/.next-e2e/BUILD_ID",
    "/_next/../package.json",
    "/prisma/schema.prisma",
  ]) {
    const response = await request(SHOP, probe, newClient());
    expect([400, 404], `${probe} answered ${response.status}`).toContain(response.status);
    expect(await response.text(), probe).not.toMatch(/"dependencies"|\[core\]|NEXTAUTH|datasource/);
  }
  const home = await (await request(SHOP, "/", newClient())).text();
  const chunk = /\/_next\/static\/chunks\/[^"']+\.js/.exec(home)?.[0];
  expect(chunk, "a script chunk on the home page").toBeDefined();
  expect((await request(SHOP, `${chunk}.map`, newClient())).status).toBe(404);
  // An account of this test's own: the demo shopper's sign-in budget belongs to the rest of the suite.
  const page = await browser.newPage({ baseURL: SHOP });
  const email = await registerNewShopper(page, "response hardening passphrase");
  await page.close();
  const { client } = await signIn(SHOP, email, "response hardening passphrase");
  for (const personal of ["/api/cart", "/api/account/session", "/account", "/account/orders", "/cart"]) {
    const response = await request(SHOP, personal, client);
    expect(response.status, personal).toBe(200);
    expect(response.headers.get("cache-control"), personal).toContain("no-store");
  }
});
