import { expect, test } from "@playwright/test";
import { readFileSync } from "node:fs";
import path from "node:path";
import { tagAsvs } from "../security/asvs-ids";
import { findStockedProducts } from "./support/database";
import { requestOnHost } from "./support/host-request";
import { newClient, request, sessionCookieName, signIn, signOut, type Client } from "./support/http-session";
import { discoverRoutes } from "./support/route-tree";
import { registerNewShopper } from "./support/flows";

// Where the app may send a browser, and what it leaves in it: no redirect parameter can point
// off the store's own origin, and every cookie any step sets is Secure, SameSite, host-only.

const PORT = Number(process.env.E2E_PORT || 3100);
const SHOP = `http://localhost:${PORT}`;
const SHOP_HOST = `localhost:${PORT}`;
const CONSOLE_HOST = `admin.localhost:${PORT}`;
const PASSWORD = "redirects and cookies passphrase";
// An account of this file's own: it signs in once per hostile target, and the demo shopper's
// per-account sign-in budget is shared with the rest of the suite.
let SHOPPER = "";
test.beforeAll(async ({ browser }) => {
  const page = await browser.newPage({ baseURL: SHOP });
  SHOPPER = await registerNewShopper(page, PASSWORD);
  await page.close();
});

const HOSTILE_TARGETS = [
  "https://evil.example/",
  "//evil.example/x",
  "/\\evil.example",
  "\\\\evil.example",
  "https:evil.example",
  "javascript:alert(1)",
  "/%2F%2Fevil.example",
  `http://localhost:${PORT}@evil.example/`,
  " //evil.example",
  "\t//evil.example",
  "http://evil.example%23.localhost/",
];

test.describe.configure({ mode: "parallel" });

/** Where a redirect leads, resolved as a browser would. */
const target = (response: Response, base: string) => new URL(response.headers.get("location") ?? "", base);

/** The callbackUrl a page hands its sign-in form, read from the page's RSC payload. */
function readCallbackProps(html: string): string[] {
  return [...new Set([...html.matchAll(/callbackUrl\\?":\\?"([^"\\]*)/g)].map((match) => match[1]!))];
}

/** A path the browser resolves on the same origin (an encoded slash is a literal segment). */
function isOwnPath(value: string, origin: string): boolean {
  return value.startsWith("/") && !/^\/[/\\]/.test(value) && new URL(value, origin).origin === origin;
}

async function csrfToken(client: Client): Promise<string> {
  return ((await (await request(SHOP, "/api/auth/csrf", client)).json()) as { csrfToken: string }).csrfToken;
}

test(`${tagAsvs("V5.1.5")} the pages that take a redirect parameter are the ones tested here`, () => {
  const readers = discoverRoutes()
    .filter((route) => route.kind === "page")
    .filter((route) =>
      /searchParams\)?\.(callbackUrl|next|redirect|returnTo|continue)\b/.test(
        readFileSync(path.join("app", route.file), "utf8"),
      ),
    )
    .map((route) => route.template)
    .sort();
  expect(readers).toEqual(["/admin/sign-in", "/admin/two-factor", "/sign-in"]);
});

test(`${tagAsvs("V5.1.5")} no callbackUrl leaves the store: sign-in page, next-auth's sign-in and sign-out, the middleware`, async () => {
  const { client, response } = await signIn(SHOP, SHOPPER, PASSWORD);
  expect(response.status).toBe(200);
  for (const hostile of HOSTILE_TARGETS) {
    const query = `?callbackUrl=${encodeURIComponent(hostile)}`;
    const signedIn = await request(SHOP, `/sign-in${query}`, client);
    expect(signedIn.status, hostile).toBe(307);
    expect(target(signedIn, SHOP).origin, hostile).toBe(SHOP);
    for (const [host, page] of [
      [SHOP_HOST, "/sign-in"],
      [CONSOLE_HOST, "/admin/sign-in"],
      [CONSOLE_HOST, "/admin/two-factor"],
    ] as const) {
      const answer = await requestOnHost(PORT, host, `${page}${query}`, newClient());
      const origin = `http://${host}`;
      if (answer.status === 307) expect(target(answer, origin).origin, `${page}${query}`).toBe(origin);
      else {
        const html = await answer.text();
        const props = readCallbackProps(html);
        // The status and the start of the page say why, if a page other than the form answered.
        expect(props.length, `${page}${query}: ${answer.status} ${html.slice(0, 200)}`).toBe(1);
        expect(isOwnPath(props[0]!, origin), `${page}${query} handed the form ${props[0]}`).toBe(true);
      }
    }
    const guest = newClient();
    const callback = await request(SHOP, "/api/auth/callback/credentials", guest, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        csrfToken: await csrfToken(guest),
        email: SHOPPER,
        password: PASSWORD,
        callbackUrl: hostile,
        json: "true",
      }),
    });
    expect(callback.status, hostile).toBe(200);
    expect(new URL(((await callback.json()) as { url: string }).url, SHOP).origin, hostile).toBe(SHOP);
  }
  const out = await request(SHOP, "/api/auth/signout", client, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrfToken: await csrfToken(client), callbackUrl: HOSTILE_TARGETS[0]!, json: "true" }),
  });
  expect(new URL(((await out.json()) as { url: string }).url, SHOP).origin).toBe(SHOP);
  const protectedPage = await request(SHOP, "/account", newClient());
  expect(protectedPage.status).toBe(307);
  expect(target(protectedPage, SHOP).href).toBe(`${SHOP}/sign-in?callbackUrl=%2Faccount`);
});

test(`${tagAsvs("V3.4.1", "V3.4.2", "V3.4.3", "V3.4.4", "V3.4.5", "V3.2.3")} every cookie a shopper's visit sets is Secure, HttpOnly, SameSite, __Host- and host-only`, async () => {
  const client = newClient();
  const lines: string[] = [];
  const collect = async (pending: Promise<Response>) => {
    const response = await pending;
    lines.push(...response.headers.getSetCookie());
    return response;
  };
  const product = findStockedProducts("northwind", 1, 3)[0]!;
  await collect(request(SHOP, "/", client));
  await collect(
    request(SHOP, "/api/cart/items", client, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ variantId: product.variantId, quantity: 1 }),
    }),
  );
  lines.push(...(await signIn(SHOP, SHOPPER, PASSWORD, client)).response.headers.getSetCookie());
  await collect(request(SHOP, "/account", client));
  await collect(request(SHOP, "/api/account/session", client));
  lines.push(...(await signOut(SHOP, client)).headers.getSetCookie());

  const names = [...new Set(lines.map((line) => line.split("=")[0]!))].sort();
  expect(names).toEqual(expect.arrayContaining([sessionCookieName, "__Host-bulwark.cart", "__Host-bulwark.device"]));
  for (const line of lines) {
    const name = line.split("=")[0]!;
    // next-auth's callback-url cookie is __Secure- (its own choice); every cookie of ours is __Host-.
    expect(name, line).toMatch(name.startsWith("__Secure-next-auth.") ? /^__Secure-/ : /^__Host-/);
    expect(line, name).toMatch(/;\s*Secure/i);
    expect(line, name).toMatch(/;\s*HttpOnly/i);
    expect(line, name).toMatch(/;\s*SameSite=(Lax|Strict)/i);
    expect(line, name).toMatch(/;\s*Path=\/(;|$)/i);
    expect(line, name).not.toMatch(/;\s*Domain=/i);
  }
});

test(`${tagAsvs("V3.2.1")} signing in always issues a new session cookie, whatever the browser held`, async () => {
  const planted = newClient();
  planted.jar.set(sessionCookieName, "attacker-chosen-value");
  const first = await signIn(SHOP, SHOPPER, PASSWORD, planted);
  expect(first.response.status).toBe(200);
  const issued = planted.jar.get(sessionCookieName);
  expect(issued).toBeDefined();
  expect(issued).not.toBe("attacker-chosen-value");
  const again = await signIn(SHOP, SHOPPER, PASSWORD, planted);
  expect(again.response.status).toBe(200);
  expect(planted.jar.get(sessionCookieName)).not.toBe(issued);
});

test(`${tagAsvs("V3.1.1")} the session token never appears in a URL, a redirect or a page`, async () => {
  const { client, response } = await signIn(SHOP, SHOPPER, PASSWORD);
  const seen: string[] = [JSON.stringify(await response.json())];
  for (const page of [
    "/",
    "/account",
    "/account/orders",
    "/cart",
    "/api/account/session",
    "/sign-in?callbackUrl=%2Faccount",
  ]) {
    const answer = await request(SHOP, page, client);
    seen.push(answer.headers.get("location") ?? "", await answer.text());
  }
  const token = client.jar.get(sessionCookieName)!;
  expect(token.length).toBeGreaterThanOrEqual(64);
  // Any 32-character run of the token would do to replay it in part: none may leak.
  const leaks = seen.filter((text) => text.includes(token.slice(0, 32)) || text.includes(token.slice(-32)));
  expect(leaks).toEqual([]);
});
