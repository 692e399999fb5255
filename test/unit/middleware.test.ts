import { NextRequest, type NextFetchEvent, type NextResponse } from "next/server";
import { getRewrittenUrl, unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import { config, middleware } from "@/middleware";
import { awayFromWindowEdge } from "../support/timing";
import { tagAsvs } from "@/security/asvs-ids";

function request(
  path: string,
  host = "localhost:3000",
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
) {
  return new NextRequest(new URL(path, "http://localhost:3000"), {
    method: init.method ?? "GET",
    headers: { host, "x-bulwark-peer-ip": "192.0.2.10", ...init.headers },
    ...(init.body ? { body: init.body } : {}),
  });
}

const event = { waitUntil: () => undefined } as unknown as NextFetchEvent;
const run = async (req: NextRequest) => (await middleware(req, event)) as NextResponse;

describe("middleware tenant routing", () => {
  it("rewrites storefront paths into the tenant segment of the request's host", async () => {
    const response = await run(request("/products/halo?x=1", "Lumen.localhost:3000"));
    expect(getRewrittenUrl(response)).toBe("http://localhost:3000/_tenant/lumen.localhost/products/halo?x=1");
  });

  it("answers 404 to any direct request for the internal segment", async () => {
    for (const path of ["/_tenant", "/_tenant/lumen.localhost/", "/_tenant/other.com/products/x", "/%5Ftenant/x"]) {
      expect((await run(request(path))).status).toBe(404);
    }
  });

  it("answers 400 to a malformed Host", async () => {
    expect((await run(request("/", "evil.com/../x"))).status).toBe(400);
  });

  it("answers 400 to a path with broken percent-encoding", async () => {
    expect((await run(request("/products/%E0%A4%A"))).status).toBe(400);
  });

  it("passes assets and API routes through untouched", async () => {
    for (const path of ["/assets/logos/northwind.svg", "/api/auth/session", "/_next/image"]) {
      expect(getRewrittenUrl(await run(request(path)))).toBeNull();
    }
  });

  it("sends a signed-out visitor of a protected area to sign in, keeping the destination", async () => {
    const response = await run(request("/account/orders?x=1"));
    expect(response.headers.get("location")).toBe(
      "http://localhost:3000/sign-in?callbackUrl=%2Faccount%2Forders%3Fx%3D1",
    );
    const admin = await run(request("/admin", "admin.localhost:3000"));
    expect(admin.headers.get("location")).toContain("/admin/sign-in?callbackUrl=%2Fadmin");
    expect(getRewrittenUrl(await run(request("/admin/sign-in", "admin.localhost:3000")))).toContain(
      "/_tenant/admin.localhost/admin/sign-in",
    );
  });

  it("clears a session cookie that does not decrypt", async () => {
    const forged = new NextRequest(new URL("/", "http://localhost:3000"), {
      headers: { host: "localhost:3000", cookie: "bulwark.session=not-a-token" },
    });
    const response = await run(forged);
    expect(response.headers.get("set-cookie")).toMatch(/bulwark\.session=;.*Max-Age=0/i);
  });

  it("runs for dotted paths, so /acme.com/secret cannot skip it", async () => {
    for (const url of ["/acme.com/secret", "/sitemap.xml", "/robots.txt", "/products/a.b", "/_tenant/x"]) {
      expect(unstable_doesMiddlewareMatch({ config, url })).toBe(true);
    }
    expect(unstable_doesMiddlewareMatch({ config, url: "/_next/static/chunk.js" })).toBe(false);
  });
});

describe("middleware security headers", () => {
  it(`${tagAsvs("V14.4.3")} puts a fresh CSP nonce and the security headers on every response`, async () => {
    const first = await run(request("/products"));
    const second = await run(request("/products"));
    const csp = first.headers.get("content-security-policy")!;
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1];
    expect(nonce).toBeTruthy();
    expect(second.headers.get("content-security-policy")).not.toContain(nonce);
    for (const directive of [
      "script-src 'self' 'nonce-",
      "'strict-dynamic'",
      "object-src 'none'",
      "base-uri 'none'",
      "frame-ancestors 'none'",
      "form-action 'self' https://checkout.stripe.com",
      "report-uri /api/csp-report",
    ]) {
      expect(csp).toContain(directive);
    }
    expect(first.headers.get("x-content-type-options")).toBe("nosniff");
    expect(first.headers.get("referrer-policy")).toBe("strict-origin-when-cross-origin");
    expect(first.headers.get("permissions-policy")).toContain("camera=()");
    expect(first.headers.get("cross-origin-opener-policy")).toBe("same-origin");
    expect(first.headers.get("strict-transport-security")).toContain("max-age=");
    // Next.js reads the nonce from the forwarded request's CSP header.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toContain(`'nonce-${nonce}'`);
    // One policy per request: the app renders under exactly what the browser enforces.
    expect(first.headers.get("x-middleware-request-content-security-policy")).toBe(csp);
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
  });

  it("puts them on refusals and redirects too", async () => {
    for (const response of [
      await run(request("/_tenant/x")),
      await run(request("/account")),
      await run(request("/", "bad host")),
    ]) {
      expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    }
  });
});

describe("middleware rate limiting", () => {
  const signIn = (peer: string, forwardedFor?: string) =>
    run(
      request("/api/auth/callback/credentials", "localhost:3000", {
        method: "POST",
        headers: {
          "x-bulwark-peer-ip": peer,
          "content-type": "application/x-www-form-urlencoded",
          ...(forwardedFor ? { "x-forwarded-for": forwardedFor } : {}),
        },
        body: `email=${encodeURIComponent(`rl-${peer}@example.test`)}&password=x&csrfToken=t`,
      }),
    );

  it(`${tagAsvs("V2.2.1", "V11.1.4")} answers 429 with Retry-After and RateLimit headers once a client passes the sign-in limit`, async () => {
    await awayFromWindowEdge();
    const statuses: number[] = [];
    let last: NextResponse | undefined;
    for (let i = 0; i < 12; i++) {
      last = await signIn("198.51.100.20");
      statuses.push(last.status);
    }
    expect(statuses.slice(0, 10).every((status) => status !== 429)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429]);
    expect(last!.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(last!.headers.get("ratelimit-limit")).toBe("10");
    expect(last!.headers.get("ratelimit-remaining")).toBe("0");
    expect(Number(last!.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
    expect(await last!.json()).toMatchObject({ error: expect.stringContaining("Too many requests") });
  });

  it(`${tagAsvs("V14.5.4")} does not let a client dodge the limit by writing its own X-Forwarded-For`, async () => {
    await awayFromWindowEdge();
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await signIn("198.51.100.21", `203.0.113.${i}`)).status);
    expect(statuses.filter((status) => status === 429)).toHaveLength(2);
  });

  it("never blocks browsing under the page limit", async () => {
    for (let i = 0; i < 100; i++) {
      expect(
        (await run(request("/products", "localhost:3000", { headers: { "x-bulwark-peer-ip": "198.51.100.22" } })))
          .status,
      ).not.toBe(429);
    }
  });
});

describe("middleware classifies the path the router dispatches", () => {
  // Each limited route, spelled with percent-encoding the router decodes; the limit is the class's
  // per-address limit. Before the fix these were counted as plain page or API traffic.
  const variants: [string, string, number][] = [
    ["POST", "/api/auth/%63allback/credentials", 10],
    ["POST", "/api/auth/callback/%63redentials", 10],
    ["POST", "/api/%61uth/callback/credentials", 10],
    ["POST", "/%72egister", 10],
    ["POST", "/verify%2Demail", 10],
    ["POST", "/%66orgot-password", 10],
    ["POST", "/%61ccount", 30],
    ["POST", "/%63heckout", 10],
    ["POST", "/api/%63heckout", 10],
    ["POST", "/%63art", 60],
    ["POST", "/%70roducts/halo", 60],
    ["POST", "/api/%63art/items", 60],
    ["GET", "/%73earch", 30],
    ["POST", "/api/csp%2Dreport", 20],
    ["POST", "/api/%77ebhooks/stripe", 600],
  ];

  it.each(variants)(
    `${tagAsvs("V11.1.2")} %s %s is counted in its own class (limit %i)`,
    async (method, path, limit) => {
      await awayFromWindowEdge(60_000, 10_000);
      const peer = `198.51.${100 + variants.findIndex(([, p]) => p === path)}.77`;
      const send = () =>
        run(
          request(path, "localhost:3000", {
            method,
            headers: { "x-bulwark-peer-ip": peer, "content-type": "application/x-www-form-urlencoded" },
            ...(method === "POST" ? { body: "a=1" } : {}),
          }),
        );
      // In parallel, as an attacker would send them.
      const statuses = (await Promise.all(Array.from({ length: limit }, send))).map((r) => r.status);
      expect(statuses.filter((status) => status === 429)).toEqual([]);
      const over = await send();
      expect(over.status).toBe(429);
      expect(over.headers.get("ratelimit-limit")).toBe(String(limit));
    },
  );

  it("refuses encoded separators and dot-segments instead of guessing", async () => {
    for (const path of [
      "/api/auth/callback%2Fcredentials",
      "/api%2Fauth/callback/credentials",
      "/api/auth/callback%5Ccredentials",
      "/products/a%00b",
      "/api//auth/callback/credentials",
    ]) {
      expect((await run(request(path, "localhost:3000", { method: "POST", body: "a=1" }))).status, path).toBe(400);
    }
  });

  it("answers 404 to the internal segment however it is spelled", async () => {
    for (const path of ["/%5ftenant/x", "/%5F%74enant", "/_%74enant/lumen.localhost/"]) {
      expect((await run(request(path))).status, path).toBe(404);
    }
  });

  it("counts IPv6 clients per /64, and IPv4-mapped clients as their IPv4 address", async () => {
    await awayFromWindowEdge(60_000, 10_000);
    const signIn = (peer: string) =>
      run(
        request("/api/auth/callback/credentials", "localhost:3000", {
          method: "POST",
          headers: { "x-bulwark-peer-ip": peer, "content-type": "application/x-www-form-urlencoded" },
          body: "a=1",
        }),
      );
    const v6 = await Promise.all(
      Array.from({ length: 12 }, (_, i) => signIn(`2001:db8:77:1::${(i + 1).toString(16)}`)),
    );
    expect(v6.filter((r) => r.status === 429)).toHaveLength(2);
    expect((await signIn("2001:db8:77:1:ffff:1:2:3")).status).toBe(429);
    expect((await signIn("2001:db8:77:2::1")).status).not.toBe(429);

    const v4 = await Promise.all(Array.from({ length: 6 }, () => signIn("198.51.99.5")));
    const mapped = await Promise.all(Array.from({ length: 6 }, () => signIn("::ffff:198.51.99.5")));
    expect([...v4, ...mapped].filter((r) => r.status === 429)).toHaveLength(2);
  });
});

describe("middleware edge details", () => {
  it(`${tagAsvs("V12.5.2")} gives uploaded media its sandboxing policy, refusals included (a 404 once went out with none)`, async () => {
    const media = await run(request("/media/0123456789abcdef0123456789abcdef.png"));
    expect(getRewrittenUrl(media)).toContain("/_tenant/localhost/media/");
    expect(media.headers.get("content-security-policy")).toBe("default-src 'none'; sandbox");
    expect(media.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await run(request("/products"))).headers.get("content-security-policy")).toContain("nonce-");
  });

  it("answers 403 to a server action whose Origin differs in host, scheme or port", async () => {
    const action = (origin: string) =>
      run(
        request("/register", "localhost:3000", {
          method: "POST",
          headers: { origin, "next-action": "abc123", "x-bulwark-peer-ip": "198.51.100.90" },
          body: "[]",
        }),
      );
    for (const origin of ["https://evil.example", "https://localhost:3000", "http://localhost:3001", "null"]) {
      expect((await action(origin)).status, origin).toBe(403);
    }
    expect((await action("http://localhost:3000")).status).not.toBe(403);
  });
});
