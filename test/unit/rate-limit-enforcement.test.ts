import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { NextRequest } from "next/server";
import { resetEdgeConfigForTests } from "@/lib/env/edge-config";
import type { BackendResult, RateLimitBackend } from "@/lib/rate-limit/limiter";

// What the rate-limit step counts, under which key, and what it answers and reports when a limit
// is reached or the limiter fails: the handlers' step (sign-in, guarded actions) and the
// middleware's. A recording backend shows exactly which identifiers each rule counted.

type Answer = (prefix: string, identifier: string) => BackendResult | Promise<BackendResult>;

function recordingBackend(answer: Answer = () => ({ success: true, limit: 10, remaining: 9, reset: 0 })) {
  const calls: [string, string][] = [];
  const backend: RateLimitBackend = {
    name: "memory",
    limit: async (prefix, identifier) => {
      calls.push([prefix, identifier]);
      return answer(prefix, identifier);
    },
  };
  return { backend, calls };
}

const blockedUntil =
  (reset: number): Answer =>
  () => ({ success: false, limit: 5, remaining: 0, reset });
const failing = (): RateLimitBackend => ({ name: "upstash", limit: () => Promise.reject(new Error("ECONNRESET")) });

// A fresh module per test: the once-per-window report memory and the chosen backend start empty.
async function loadEnforce() {
  vi.resetModules();
  return import("@/lib/rate-limit/enforce");
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.useRealTimers();
  vi.restoreAllMocks();
  resetEdgeConfigForTests();
});

describe("the backend and its timeout", () => {
  it("is the in-process limiter unless both the Redis URL and its token are configured", async () => {
    vi.stubEnv("UPSTASH_REDIS_REST_URL", undefined);
    vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", undefined);
    expect((await loadEnforce()).getRateLimitBackend().name).toBe("memory");

    vi.stubEnv("UPSTASH_REDIS_REST_URL", "http://127.0.0.1:9");
    expect((await loadEnforce()).getRateLimitBackend().name).toBe("memory");

    vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", "secret");
    const enforce = await loadEnforce();
    expect(enforce.getRateLimitBackend().name).toBe("upstash");
    // Chosen once per process: every request counts on the same backend.
    expect(enforce.getRateLimitBackend()).toBe(enforce.getRateLimitBackend());
  });

  it("waits for the limiter as long as RATE_LIMIT_TIMEOUT_MS says (500 ms unless set)", async () => {
    expect((await loadEnforce()).rateLimitTimeoutMs()).toBe(500);
    vi.stubEnv("RATE_LIMIT_TIMEOUT_MS", "1234");
    resetEdgeConfigForTests();
    expect((await loadEnforce()).rateLimitTimeoutMs()).toBe(1234);
  });
});

describe("accountKey", () => {
  it("is a SHA-256 of the store and the canonical email: no address stored, one store never spends another's budget", async () => {
    const { accountKey } = await loadEnforce();
    const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");
    const key = await accountKey("tenant-a", "shopper@example.test");
    expect(key).toBe(sha256("tenant-a\nshopper@example.test"));
    expect(await accountKey("tenant-a", "shopper@example.test")).toBe(key);
    // Every byte as two hex digits (these digests hold bytes below 0x10).
    const otherStore = await accountKey("tenant-b", "shopper@example.test");
    const otherEmail = await accountKey("tenant-a", "other@example.test");
    expect(otherStore).toBe(sha256("tenant-b\nshopper@example.test"));
    expect(otherEmail).toBe(sha256("tenant-a\nother@example.test"));
    for (const value of [key, otherStore, otherEmail]) expect(value).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set([key, otherStore, otherEmail]).size).toBe(3);
  });
});

describe("enforceLimitInHandler", () => {
  it("counts each rule under its own key, the client address by its rate-limit subject", async () => {
    const { enforceLimitInHandler } = await loadEnforce();
    const { backend, calls } = recordingBackend();
    expect(await enforceLimitInHandler("sign-in", { ip: "::ffff:203.0.113.7", account: "acct" }, backend)).toEqual({
      kind: "allowed",
    });
    expect(calls).toEqual([
      ["bulwark:rl:sign-in:ip", "203.0.113.7"],
      ["bulwark:rl:sign-in:account", "acct"],
    ]);
  });

  it('counts an unreadable address as one client, "unknown", and no address when none is given', async () => {
    const { enforceLimitInHandler } = await loadEnforce();
    const { backend, calls } = recordingBackend();
    await enforceLimitInHandler("sign-in", { ip: "", account: "acct" }, backend);
    await enforceLimitInHandler("sign-in", { account: "acct" }, backend);
    expect(calls).toEqual([
      ["bulwark:rl:sign-in:ip", "unknown"],
      ["bulwark:rl:sign-in:account", "acct"],
      ["bulwark:rl:sign-in:account", "acct"],
    ]);
  });

  it("answers a block with its limit and reset, reported once per key and window", async () => {
    const { enforceLimitInHandler } = await loadEnforce();
    const reset = Date.now() + 60_000;
    const { backend } = recordingBackend(blockedUntil(reset));
    const first = await enforceLimitInHandler("register", { ip: "198.51.100.1" }, backend);
    expect(first).toEqual({
      kind: "blocked",
      limit: 5,
      reset,
      report: {
        type: "ratelimit.blocked",
        severity: "WARNING",
        details: { policy: "register", key: "ip", limit: 5 },
      },
    });
    expect(await enforceLimitInHandler("register", { ip: "198.51.100.1" }, backend)).toEqual({
      kind: "blocked",
      limit: 5,
      reset,
    });
    // Another client, or the same client under another policy, is a report of its own.
    expect((await enforceLimitInHandler("register", { ip: "198.51.100.2" }, backend)).kind).toBe("blocked");
    expect(await enforceLimitInHandler("register", { ip: "198.51.100.2" }, backend)).not.toHaveProperty("report");
    expect(await enforceLimitInHandler("password-reset", { ip: "198.51.100.1" }, backend)).toHaveProperty("report");
    expect(await enforceLimitInHandler("register", { ip: "198.51.100.1" }, backend)).not.toHaveProperty("report");
  });

  it("reports a block again once the reported window has ended", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(1_000_000);
    const { enforceLimitInHandler } = await loadEnforce();
    const { backend } = recordingBackend(blockedUntil(1_060_000));
    expect(await enforceLimitInHandler("checkout", { ip: "198.51.100.3" }, backend)).toHaveProperty("report");
    vi.setSystemTime(1_059_999);
    expect(await enforceLimitInHandler("checkout", { ip: "198.51.100.3" }, backend)).not.toHaveProperty("report");
    vi.setSystemTime(1_060_000);
    expect(await enforceLimitInHandler("checkout", { ip: "198.51.100.3" }, backend)).toHaveProperty("report");
  });

  it("remembers at most 10 000 reported keys, then starts afresh: a flood of addresses cannot grow it without bound", async () => {
    const { enforceLimitInHandler } = await loadEnforce();
    const { backend } = recordingBackend(blockedUntil(Date.now() + 60_000));
    const block = (n: number) => enforceLimitInHandler("checkout", { ip: `client-${n}` }, backend);
    for (let n = 1; n <= 10_001; n++) expect(await block(n)).toHaveProperty("report");
    // 10 001 remembered: the first is still known.
    expect(await block(1)).not.toHaveProperty("report");
    // The next one finds more than 10 000 and forgets them all.
    expect(await block(10_002)).toHaveProperty("report");
    expect(await block(1)).toHaveProperty("report");
  });

  it("refuses and reports CRITICAL when a fail-closed policy's limiter fails, logging the failure", async () => {
    vi.stubEnv("BULWARK_LOG_IN_TESTS", "1");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { enforceLimitInHandler } = await loadEnforce();
    const details = { policy: "sign-in", backend: "upstash", error: "ECONNRESET", decision: "refused" };
    expect(await enforceLimitInHandler("sign-in", { ip: "198.51.100.4" }, failing())).toEqual({
      kind: "failed",
      refuse: true,
      report: { type: "ratelimit.failure", severity: "CRITICAL", details },
    });
    expect(warn).toHaveBeenCalledTimes(1);
    expect(JSON.parse(String(warn.mock.calls[0]![0]))).toMatchObject({
      level: "warn",
      message: "rate_limiter_failed",
      ...details,
    });
  });

  it("lets a fail-open policy through when its limiter fails, reported as a WARNING", async () => {
    const { enforceLimitInHandler } = await loadEnforce();
    expect(await enforceLimitInHandler("cart-write", { ip: "198.51.100.5" }, failing())).toEqual({
      kind: "failed",
      refuse: false,
      report: {
        type: "ratelimit.failure",
        severity: "WARNING",
        details: { policy: "cart-write", backend: "upstash", error: "ECONNRESET", decision: "allowed" },
      },
    });
  });
});

describe("enforceRateLimit (the middleware's step)", () => {
  const get = (path: string) => new NextRequest(`http://localhost${path}`);

  it("counts the client address and the signed-in user under the class of the path", async () => {
    const { enforceRateLimit } = await loadEnforce();
    const { backend, calls } = recordingBackend();
    const request = new NextRequest("http://localhost/account", { method: "POST" });
    expect(
      await enforceRateLimit(request, { clientIp: "2001:db8:1:2::9", userId: "user-1", path: "/account" }, backend),
    ).toEqual({ response: null, policy: "account-change" });
    expect(await enforceRateLimit(request, { clientIp: "", path: "/account" }, backend)).toEqual({
      response: null,
      policy: "account-change",
    });
    expect(calls).toEqual([
      ["bulwark:rl:account-change:user", "user-1"],
      ["bulwark:rl:account-change:ip", "2001:db8:1:2::/64"],
      ["bulwark:rl:account-change:ip", "unknown"],
    ]);
  });

  it("takes the class the middleware already decided, and counts nothing for a path without one", async () => {
    const { enforceRateLimit } = await loadEnforce();
    const { backend, calls } = recordingBackend();
    expect(
      await enforceRateLimit(
        get("/products"),
        { clientIp: "198.51.100.6", path: "/products", policy: "search" },
        backend,
      ),
    ).toEqual({
      response: null,
      policy: "search",
    });
    expect(
      await enforceRateLimit(get("/products"), { clientIp: "198.51.100.6", path: "/products", policy: null }, backend),
    ).toEqual({ response: null, policy: null });
    expect(
      await enforceRateLimit(
        new NextRequest("http://localhost/api/session/refresh", { method: "POST" }),
        { clientIp: "198.51.100.6", path: "/api/session/refresh" },
        backend,
      ),
    ).toEqual({ response: null, policy: null });
    expect(calls).toEqual([["bulwark:rl:search:ip", "198.51.100.6"]]);
  });

  it("answers 429 for a block, reporting each client once per window", async () => {
    const { enforceRateLimit } = await loadEnforce();
    const { backend } = recordingBackend(blockedUntil(Date.now() + 30_000));
    const first = await enforceRateLimit(get("/search"), { clientIp: "198.51.100.7", path: "/search" }, backend);
    expect(first.response?.status).toBe(429);
    expect(first.report).toEqual({
      type: "ratelimit.blocked",
      severity: "WARNING",
      details: { policy: "search", key: "ip", limit: 5 },
    });
    const again = await enforceRateLimit(get("/search"), { clientIp: "198.51.100.7", path: "/search" }, backend);
    expect(again.response?.status).toBe(429);
    expect(again).not.toHaveProperty("report");
    const other = await enforceRateLimit(get("/search"), { clientIp: "198.51.100.8", path: "/search" }, backend);
    expect(other.report?.type).toBe("ratelimit.blocked");
  });

  it("logs a limiter failure", async () => {
    vi.stubEnv("BULWARK_LOG_IN_TESTS", "1");
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const { enforceRateLimit } = await loadEnforce();
    const decision = await enforceRateLimit(get("/search"), { clientIp: "198.51.100.9", path: "/search" }, failing());
    expect(decision.response).toBeNull();
    expect(JSON.parse(String(warn.mock.calls[0]![0]))).toMatchObject({
      level: "warn",
      message: "rate_limiter_failed",
      policy: "search",
      decision: "allowed",
    });
  });
});
