import { describe, expect, it } from "vitest";
import { checkRateLimit, createMemoryBackend, type RateLimitBackend } from "@/lib/rate-limit/limiter";
import { MemoryLimiter } from "@/lib/rate-limit/memory-limiter";
import { classifyRequest, POLICIES } from "@/lib/rate-limit/policies";
import { rateLimitHeaders, tooManyRequests, wantsJson } from "@/lib/rate-limit/responses";
import { awayFromWindowEdge } from "../support/timing";
import { tagAsvs } from "@/security/asvs-ids";

describe("policy table", () => {
  it.each([
    ["POST", "/api/auth/callback/credentials", "sign-in"],
    ["GET", "/api/auth/csrf", "api"],
    ["POST", "/register", "register"],
    ["POST", "/verify-email", "register"],
    ["POST", "/forgot-password", "password-reset"],
    ["POST", "/reset-password", "password-reset"],
    ["GET", "/reset-password", "page"],
    ["POST", "/account", "account-change"],
    ["POST", "/checkout", "checkout"],
    ["POST", "/api/checkout/session", "checkout"],
    ["POST", "/products/ridgeline-shell-jacket", "cart-write"],
    ["POST", "/cart", "cart-write"],
    ["GET", "/search", "search"],
    ["GET", "/search/", "search"],
    ["POST", "/api/csp-report", "csp-report"],
    ["GET", "/products/x", "page"],
    ["POST", "/somewhere-else", "page"],
    ["GET", "/api/account/session", "api"],
    ["POST", "/api/webhooks/stripe", "webhook"],
    ["POST", "/api/session/refresh", null],
  ])("%s %s → %s", (method, path, expected) => {
    expect(classifyRequest(method, path)).toBe(expected);
  });

  it(`${tagAsvs("V11.1.2")} fails closed for authentication and money, open for browsing`, () => {
    const closed = Object.values(POLICIES)
      .filter((p) => p.onFailure === "closed")
      .map((p) => p.name);
    expect(closed.sort()).toEqual([
      "account-change",
      "checkout",
      "csp-report",
      "password-reset",
      "register",
      "sign-in",
    ]);
  });
});

describe("server actions", () => {
  it("are page traffic to the middleware whatever path they are posted to; the action counts its class", () => {
    for (const path of ["/register", "/account", "/products/x", "/cart", "/forgot-password", "/anywhere"]) {
      expect(classifyRequest("POST", path, true)).toBe("page");
    }
    // Route handlers are not actions: their class stays with their path.
    expect(classifyRequest("POST", "/api/auth/callback/credentials", true)).toBe("sign-in");
  });
});

describe("memory limiter: sliding window", () => {
  const algorithm = { kind: "sliding-window", limit: 3, windowMs: 1000 } as const;

  it("allows the limit, then blocks until the window slides", () => {
    let now = 10_000;
    const limiter = new MemoryLimiter(() => now);
    expect([1, 2, 3, 4].map(() => limiter.limit("k", algorithm).success)).toEqual([true, true, true, false]);
    expect(limiter.limit("other", algorithm).success).toBe(true);
    // Half-way into the next window, half of the previous window still counts: 1.5 → 1, so 2 more fit.
    now = 11_500;
    expect([1, 2, 3].map(() => limiter.limit("k", algorithm).success)).toEqual([true, true, false]);
    // Two windows later nothing of the burst remains.
    now = 13_000;
    expect(limiter.limit("k", algorithm)).toMatchObject({ success: true, remaining: 2, reset: 14_000 });
  });

  it("reports the window's end as reset at the edge", () => {
    const limiter = new MemoryLimiter(() => 10_999);
    expect(limiter.limit("k", algorithm).reset).toBe(11_000);
  });

  it("never lets concurrent calls exceed the limit", async () => {
    await awayFromWindowEdge();
    const backend = createMemoryBackend(new MemoryLimiter());
    const results = await Promise.all(
      Array.from({ length: 50 }, () =>
        backend.limit("p", "k", { kind: "sliding-window", limit: 10, windowMs: 60_000 }),
      ),
    );
    expect(results.filter((r) => r.success)).toHaveLength(10);
  });
});

describe("memory limiter: token bucket", () => {
  it("spends a burst, then refills per interval up to capacity", () => {
    let now = 0;
    const limiter = new MemoryLimiter(() => now);
    const algorithm = { kind: "token-bucket", capacity: 3, refill: 2, intervalMs: 1000 } as const;
    expect([1, 2, 3, 4].map(() => limiter.limit("k", algorithm).success)).toEqual([true, true, true, false]);
    now = 999;
    expect(limiter.limit("k", algorithm).success).toBe(false);
    now = 1000;
    expect([1, 2, 3].map(() => limiter.limit("k", algorithm).success)).toEqual([true, true, false]);
    now = 60_000;
    expect(limiter.limit("k", algorithm).remaining).toBe(2);
  });
});

describe("checkRateLimit", () => {
  const policy = POLICIES["sign-in"];

  it("blocks on the first rule over its limit and names it", async () => {
    await awayFromWindowEdge(15 * 60_000);
    await awayFromWindowEdge();
    const backend = createMemoryBackend(new MemoryLimiter());
    for (let i = 0; i < 10; i++) await checkRateLimit(backend, policy, { ip: "a", account: `acct-${i}` }, 500);
    expect(await checkRateLimit(backend, policy, { ip: "a", account: "fresh" }, 500)).toMatchObject({
      kind: "blocked",
      key: "ip",
    });
    for (let i = 0; i < 20; i++) await checkRateLimit(backend, policy, { ip: `ip-${i}`, account: "target" }, 500);
    expect(await checkRateLimit(backend, policy, { ip: "new", account: "target" }, 500)).toMatchObject({
      kind: "blocked",
      key: "account",
    });
  });

  it("reports a failing or slow backend as failed, never as allowed", async () => {
    const broken: RateLimitBackend = { name: "upstash", limit: () => Promise.reject(new Error("ECONNREFUSED")) };
    expect(await checkRateLimit(broken, policy, { ip: "a" }, 100)).toEqual({ kind: "failed", error: "ECONNREFUSED" });
    const slow: RateLimitBackend = { name: "upstash", limit: () => new Promise(() => undefined) };
    expect((await checkRateLimit(slow, policy, { ip: "a" }, 50)).kind).toBe("failed");
    const timedOut: RateLimitBackend = {
      name: "upstash",
      limit: async () => ({ success: true, limit: 10, remaining: 10, reset: 0, reason: "timeout" }),
    };
    expect((await checkRateLimit(timedOut, policy, { ip: "a" }, 50)).kind).toBe("failed");
  });
});

describe("429 responses", () => {
  it("gives browsers a page and API callers JSON, both with the headers", async () => {
    const outcome = { limit: 10, reset: Date.now() + 30_000 };
    const html = tooManyRequests(
      new Request("http://x/search", { headers: { accept: "text/html" } }),
      "/search",
      outcome,
    );
    expect(html.headers.get("content-type")).toContain("text/html");
    expect(await html.text()).toContain("Slow down");
    const json = tooManyRequests(new Request("http://x/api/auth/csrf"), "/api/auth/csrf", outcome);
    expect(json.headers.get("content-type")).toContain("application/json");
    for (const response of [html, json]) {
      expect(response.status).toBe(429);
      expect(Number(response.headers.get("retry-after"))).toBeGreaterThanOrEqual(29);
    }
    expect(wantsJson(new Request("http://x/account", { headers: { "next-action": "abc" } }), "/account")).toBe(true);
    expect(rateLimitHeaders(10, -3, 5_500, 5_000)).toEqual({
      "RateLimit-Limit": "10",
      "RateLimit-Remaining": "0",
      "RateLimit-Reset": "1",
    });
  });
});

describe("enforceRateLimit when the limiter fails", () => {
  it("refuses sign-in (fail closed) but lets browsing through (fail open), and reports both", async () => {
    const { NextRequest } = await import("next/server");
    const { enforceRateLimit } = await import("@/lib/rate-limit/enforce");
    const broken: RateLimitBackend = { name: "upstash", limit: () => Promise.reject(new Error("connection refused")) };
    const signIn = await enforceRateLimit(
      new NextRequest("http://localhost/api/auth/callback/credentials", { method: "POST" }),
      { clientIp: "198.51.100.9", path: "/api/auth/callback/credentials" },
      broken,
    );
    expect(signIn.response?.status).toBe(503);
    expect(signIn.response?.headers.get("retry-after")).toBe("5");
    expect(signIn.report).toMatchObject({
      type: "ratelimit.failure",
      severity: "CRITICAL",
      details: { decision: "refused" },
    });
    const browse = await enforceRateLimit(
      new NextRequest("http://localhost/products"),
      { clientIp: "198.51.100.9", path: "/products" },
      broken,
    );
    expect(browse.response).toBeNull();
    expect(browse.report).toMatchObject({
      type: "ratelimit.failure",
      severity: "WARNING",
      details: { decision: "allowed" },
    });
  });

  it("reports a block once per key and window, not once per request", async () => {
    await awayFromWindowEdge();
    const { NextRequest } = await import("next/server");
    const { enforceRateLimit } = await import("@/lib/rate-limit/enforce");
    const backend = createMemoryBackend(new MemoryLimiter());
    const reports = [];
    for (let i = 0; i < 15; i++) {
      const decision = await enforceRateLimit(
        new NextRequest("http://localhost/search?q=x"),
        { clientIp: "198.51.100.10", path: "/search" },
        backend,
      );
      if (decision.report) reports.push(decision.report);
    }
    for (let i = 0; i < 30; i++) {
      const decision = await enforceRateLimit(
        new NextRequest("http://localhost/search?q=x"),
        { clientIp: "198.51.100.10", path: "/search" },
        backend,
      );
      if (decision.report) reports.push(decision.report);
    }
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({
      type: "ratelimit.blocked",
      details: { policy: "search", key: "ip", limit: 30 },
    });
  });
});

describe("rate-limit subject of a client address", () => {
  it.each([
    ["203.0.113.7", "203.0.113.7"],
    ["::ffff:203.0.113.7", "203.0.113.7"],
    ["::ffff:cb00:7107", "203.0.113.7"],
    ["2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64"],
    ["2001:0DB8:0001:0002::9", "2001:db8:1:2::/64"],
    ["[2001:db8:1:2::9]", "2001:db8:1:2::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["not-an-ip", "not-an-ip"],
    ["1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8:9"],
  ])("%s → %s", async (ip, expected) => {
    const { rateLimitSubject } = await import("@/lib/security/client-ip");
    expect(rateLimitSubject(ip)).toBe(expected);
  });
});
