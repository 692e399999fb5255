import { expect, test } from "@playwright/test";
import {
  copyOf,
  newClient,
  request,
  signIn,
  signOut,
  sessionCookieName,
  sleep,
  type Client,
} from "./support/http-session";
import { tagAsvs } from "../security/asvs-ids";

// HTTP against the instance with a fast session clock: access lasts 2 s, the reuse grace 1 s.
const BASE = `http://localhost:${Number(process.env.E2E_PORT || 3100) + 1}`;
const ACCESS_MS = 2_000;
const GRACE_MS = 1_000;
const PASSWORD = "correct-horse-battery-staple";

const whoAmI = (client: Client) => request(BASE, "/api/account/session", client);

test.describe.configure({ mode: "parallel" });

test(`${tagAsvs("V3.2.3")} the session cookie is HttpOnly, SameSite=Lax, Secure and host-only`, async () => {
  const { response } = await signIn(BASE, "shopper@northwind.test", PASSWORD);
  expect(response.status).toBe(200);
  const line = response.headers.getSetCookie().find((c) => c.startsWith(`${sessionCookieName}=`));
  expect(line).toBeDefined();
  expect(line).toMatch(/HttpOnly/i);
  expect(line).toMatch(/SameSite=Lax/i);
  expect(line).toMatch(/Secure/i);
  expect(line).toMatch(/Path=\//i);
  expect(line).not.toMatch(/Domain=/i);
});

test("an expired access claim rotates; replaying the old cookie after the grace window kills the family", async () => {
  const { client } = await signIn(BASE, "merchant@northwind.test", PASSWORD);
  expect((await whoAmI(client)).status).toBe(200);
  const original = copyOf(client);

  await sleep(ACCESS_MS + 300);
  const rotated = await whoAmI(client);
  expect(rotated.status).toBe(200);
  expect(rotated.headers.getSetCookie().some((c) => c.startsWith(`${sessionCookieName}=`))).toBe(true);
  expect(client.jar.get(sessionCookieName)).not.toBe(original.jar.get(sessionCookieName));
  const current = copyOf(client);
  // The browser presents the rotated cookie: from now on the old one is a copy that must not work.
  expect((await whoAmI(copyOf(current))).status).toBe(200);

  await sleep(GRACE_MS + 300);
  const replay = await whoAmI(copyOf(original));
  expect(replay.status).toBe(401);
  // The legitimate holder's newer cookie died with the family.
  expect((await whoAmI(copyOf(current))).status).toBe(401);
});

test("a rotated cookie that never reached the browser does not sign the shopper out", async () => {
  const { client } = await signIn(BASE, "shopper@northwind.test", PASSWORD);
  const original = copyOf(client);
  await sleep(ACCESS_MS + 300);
  // The rotation happens, but its Set-Cookie is lost (an aborted prefetch, a timeout).
  const lost = copyOf(original);
  const rotated = await whoAmI(lost);
  expect(rotated.status).toBe(200);
  expect(lost.jar.get(sessionCookieName)).not.toBe(original.jar.get(sessionCookieName));

  // Long after the grace window the browser still holds the old cookie: it rotates again.
  await sleep(GRACE_MS + 300);
  const browser = copyOf(original);
  expect((await whoAmI(browser)).status).toBe(200);
  expect(browser.jar.get(sessionCookieName)).not.toBe(original.jar.get(sessionCookieName));
  expect((await whoAmI(browser)).status).toBe(200);
  // The successor that never arrived is dead; the browser's new cookie carries on.
  expect((await whoAmI(lost)).status).toBe(401);
  await sleep(ACCESS_MS + 300);
  expect((await whoAmI(browser)).status).toBe(200);
});

test("concurrent requests racing a rotation all stay signed in", async () => {
  const { client: lumen } = await signIn(BASE, "shopper@lumen.test", PASSWORD);
  // lumen's shopper signs in on lumen's host only; this instance is reached as localhost.
  expect((await whoAmI(lumen)).status).toBe(401);

  const { client } = await signIn(BASE, "shopper@northwind.test", PASSWORD);
  await sleep(ACCESS_MS + 300);
  const results = await Promise.all(Array.from({ length: 4 }, () => whoAmI(copyOf(client))));
  expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
});

test(`${tagAsvs("V3.3.1")} after sign-out the old cookie is dead on the server`, async () => {
  const { client } = await signIn(BASE, "shopper@northwind.test", PASSWORD);
  const copy = copyOf(client);
  expect((await whoAmI(copy)).status).toBe(200);
  const out = await signOut(BASE, client);
  expect(out.status).toBe(200);
  expect(client.jar.has(sessionCookieName)).toBe(false);
  expect((await whoAmI(copy)).status).toBe(401);
});

test("next-auth's own session endpoint answers no cookie: dead, live or another store's", async () => {
  const { client } = await signIn(BASE, "shopper@northwind.test", PASSWORD);
  const copy = copyOf(client);
  const lumenHost = new URL(BASE).host.replace("localhost", "lumen.localhost");
  for (const host of [undefined, lumenHost]) {
    const response = await request(BASE, "/api/auth/session", copyOf(client), host ? { headers: { host } } : {});
    expect(response.status).toBe(404);
    expect(response.headers.getSetCookie().join()).not.toContain("session");
    expect(await response.text()).not.toContain("shopper@northwind.test");
  }
  await signOut(BASE, client);
  const dead = await request(BASE, "/api/auth/session", copy);
  expect(dead.status).toBe(404);
  expect(dead.headers.getSetCookie().join()).not.toContain("session");
});

test("a wrong password and an unknown email get identical answers", async () => {
  const wrong = (await signIn(BASE, "shopper@northwind.test", "not the password")).response;
  const unknown = (await signIn(BASE, "nobody-here@northwind.test", "not the password")).response;
  expect(wrong.status).toBe(401);
  expect(unknown.status).toBe(wrong.status);
  expect(await unknown.text()).toBe(await wrong.text());
});

test("malformed requests to the auth routes get 4xx, never 500", async () => {
  const client = newClient();
  const csrf = ((await (await request(BASE, "/api/auth/csrf", client)).json()) as { csrfToken: string }).csrfToken;
  // Each attempt from its own address, so the sign-in rate limit (tested elsewhere) stays out of the way.
  const post = (
    body: BodyInit,
    type = "application/x-www-form-urlencoded",
    from: Client = { jar: new Map(client.jar), ip: newClient().ip },
  ) =>
    request(BASE, "/api/auth/callback/credentials", from, {
      method: "POST",
      headers: { "content-type": type },
      body,
    });

  expect((await post(new URLSearchParams({ email: "a@b.co", password: "x", json: "true" }))).status).toBe(403);
  expect(
    (await post(new URLSearchParams({ csrfToken: "forged", email: "a@b.co", password: "x", json: "true" }))).status,
  ).toBe(403);
  expect(
    (
      await post(
        new URLSearchParams({ csrfToken: csrf, email: "a@b.co", password: "x" }),
        "application/x-www-form-urlencoded",
        { jar: new Map(), ip: client.ip },
      )
    ).status,
  ).toBe(403);
  // One body shape only (a plain form): anything else is refused before it is parsed.
  expect((await post("{not json", "application/json")).status).toBe(415);
  expect((await post("[1,2,3]", "application/json")).status).toBe(415);
  expect((await post("plain text", "text/plain")).status).toBe(415);
  expect(
    (await post(new URLSearchParams({ csrfToken: csrf, email: "x".repeat(10_000), password: "x", json: "true" })))
      .status,
  ).toBe(400);
  expect(
    (await post(new URLSearchParams({ csrfToken: csrf, email: "a@b.co", password: "p".repeat(5_000), json: "true" })))
      .status,
  ).toBe(400);
  expect((await post("x=" + "y".repeat(20_000))).status).toBe(413);
  const unicode = await post(
    new URLSearchParams({ csrfToken: csrf, email: "Jose\u0301+\u{1F600}@例子.广告", password: "x", json: "true" }),
  );
  expect(unicode.status).toBe(401);
  expect((await request(BASE, "/api/auth/nonsense", client)).status).toBe(404);
  expect((await request(BASE, "/api/auth/callback/credentials", newClient(), { method: "DELETE" })).status).toBe(405);
});

test("a forged session cookie is refused and cleared", async () => {
  const client = newClient();
  client.jar.set(sessionCookieName, "eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..forged");
  const response = await whoAmI(client);
  expect(response.status).toBe(401);
  expect(client.jar.has(sessionCookieName)).toBe(false);
});

test("the refresh endpoint is internal only", async () => {
  const response = await request(BASE, "/api/session/refresh", newClient(), {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ token: "x" }),
  });
  expect(response.status).toBe(404);
});

test("a server-rendered page rotates the session too and renders signed in", async () => {
  const { client } = await signIn(BASE, "shopper@northwind.test", PASSWORD);
  const before = client.jar.get(sessionCookieName);
  await sleep(ACCESS_MS + 300);
  const page = await request(BASE, "/account", client);
  expect(page.status).toBe(200);
  expect(await page.text()).toContain("shopper@northwind.test");
  expect(client.jar.get(sessionCookieName)).not.toBe(before);
});
