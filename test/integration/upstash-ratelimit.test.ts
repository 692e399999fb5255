import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Redis } from "@upstash/redis";
import { resetEdgeConfigForTests } from "@/lib/env/edge-config";
import { checkRateLimit, createUpstashBackend } from "@/lib/rate-limit/limiter";
import { POLICIES } from "@/lib/rate-limit/policies";
import { startRedisServer, type RunningRedis } from "../support/redis-server";
import { awayFromWindowEdge } from "../support/timing";
import { startUpstashRestServer, type UpstashRestServer } from "../support/upstash-rest-server";

// The real @upstash/ratelimit client against a real redis-server, through the REST stand-in.
let redis: RunningRedis;
let rest: UpstashRestServer;

beforeAll(async () => {
  redis = await startRedisServer();
  rest = await startUpstashRestServer(redis.socket);
});

afterAll(async () => {
  await rest?.close();
  await redis?.stop();
});

describe("the Upstash REST stand-in", () => {
  it("serves the real @upstash/redis client: commands, pipelines, transactions, bearer token", async () => {
    const client = new Redis({ url: rest.url, token: rest.token, retry: false, enableTelemetry: false });
    await client.set("greeting", "héllo wörld");
    expect(await client.get("greeting")).toBe("héllo wörld");
    const pipe = client.pipeline();
    pipe.incr("counter");
    pipe.incr("counter");
    expect(await pipe.exec()).toEqual([1, 2]);
    const tx = client.multi();
    tx.incr("counter");
    tx.get("counter");
    expect(await tx.exec()).toEqual([3, 3]);
    const intruder = new Redis({ url: rest.url, token: "wrong", retry: false, enableTelemetry: false });
    await expect(intruder.get("greeting")).rejects.toThrow(/Unauthorized/);
  });
});

describe("rate limits on the shared Redis", () => {
  const backend = () => createUpstashBackend({ url: rest.url, token: rest.token, timeoutMs: 2000 });

  it("enforces a policy through @upstash/ratelimit's scripts", async () => {
    await awayFromWindowEdge();
    const limiter = backend();
    const outcomes = [];
    for (let i = 0; i < 12; i++)
      outcomes.push(await checkRateLimit(limiter, POLICIES["sign-in"], { ip: "198.51.100.1" }, 2000));
    expect(outcomes.slice(0, 10).every((o) => o.kind === "allowed")).toBe(true);
    expect(outcomes.slice(10).map((o) => o.kind)).toEqual(["blocked", "blocked"]);
    expect(rest.commands).toEqual(expect.arrayContaining(["EVALSHA", "EVAL"]));
  });

  it("holds a limit across two app instances sharing that Redis", async () => {
    await awayFromWindowEdge();
    const first = backend();
    const second = backend();
    const results = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        checkRateLimit(i % 2 ? first : second, POLICIES["sign-in"], { ip: "198.51.100.2" }, 2000),
      ),
    );
    expect(results.filter((r) => r.kind === "allowed")).toHaveLength(10);
    expect(results.filter((r) => r.kind === "blocked")).toHaveLength(6);
  });

  it("keeps token buckets for page traffic", async () => {
    const limiter = backend();
    const results = [];
    const { capacity, refill, intervalMs } = POLICIES.page.rules[0].algorithm;
    const started = Date.now();
    for (let i = 0; i < capacity + 5; i++)
      results.push(await checkRateLimit(limiter, POLICIES.page, { ip: "198.51.100.3" }, 2000));
    // A slow machine may see the bucket refill during the burst: allow exactly what refilled.
    const refilled = Math.floor((Date.now() - started) / intervalMs) * refill;
    const allowed = results.filter((r) => r.kind === "allowed").length;
    expect(allowed).toBeGreaterThanOrEqual(capacity);
    expect(allowed).toBeLessThanOrEqual(capacity + refilled);
    if (refilled === 0) expect(results.at(-1)?.kind).toBe("blocked");
  });

  it("reports an unreachable Redis as a failure for the policy to decide", async () => {
    const dead = createUpstashBackend({ url: "http://127.0.0.1:9", token: "x", timeoutMs: 300 });
    const outcome = await checkRateLimit(dead, POLICIES["sign-in"], { ip: "198.51.100.4" }, 300);
    expect(outcome.kind).toBe("failed");
  });
});

describe("a configured Redis", () => {
  it("is where the handlers count when UPSTASH_REDIS_REST_URL and _TOKEN are set, within the configured timeout", async () => {
    await awayFromWindowEdge();
    vi.stubEnv("UPSTASH_REDIS_REST_URL", rest.url);
    vi.stubEnv("UPSTASH_REDIS_REST_TOKEN", rest.token);
    vi.stubEnv("RATE_LIMIT_TIMEOUT_MS", "2000");
    resetEdgeConfigForTests();
    vi.resetModules();
    try {
      const { enforceLimitInHandler, getRateLimitBackend } = await import("@/lib/rate-limit/enforce");
      expect(getRateLimitBackend().name).toBe("upstash");
      const before = rest.commands.length;
      const kinds = [];
      for (let i = 0; i < 11; i++) kinds.push((await enforceLimitInHandler("sign-in", { ip: "198.51.100.5" })).kind);
      expect(kinds).toEqual([...Array<string>(10).fill("allowed"), "blocked"]);
      expect(rest.commands.length).toBeGreaterThan(before);
    } finally {
      vi.unstubAllEnvs();
      resetEdgeConfigForTests();
    }
  });
});

/** An HTTP server standing in for a Redis that answers `status` (or never, with null). */
async function startBrokenRedis(status: number | null) {
  const seen: IncomingHttpHeaders[] = [];
  const server = createServer((req, res) => {
    seen.push(req.headers);
    req.resume();
    if (status !== null) res.writeHead(status, { "content-type": "application/json" }).end('{"error":"down"}');
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () => {
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe("the Upstash backend's client", () => {
  it("answers a blocked client from its own memory until the window resets: a flood costs Redis nothing", async () => {
    await awayFromWindowEdge();
    const limiter = createUpstashBackend({ url: rest.url, token: rest.token, timeoutMs: 2000 });
    const policy = POLICIES["sign-in"];
    for (let i = 0; i < 10; i++) await checkRateLimit(limiter, policy, { ip: "198.51.100.6" }, 2000);
    expect((await checkRateLimit(limiter, policy, { ip: "198.51.100.6" }, 2000)).kind).toBe("blocked");
    const before = rest.commands.length;
    for (let i = 0; i < 5; i++)
      expect((await checkRateLimit(limiter, policy, { ip: "198.51.100.6" }, 2000)).kind).toBe("blocked");
    expect(rest.commands.length).toBe(before);
  });

  it("runs only the limit scripts: no analytics written to Redis", async () => {
    const limiter = createUpstashBackend({ url: rest.url, token: rest.token, timeoutMs: 2000 });
    const before = rest.commands.length;
    await checkRateLimit(limiter, POLICIES.search, { ip: "198.51.100.7" }, 2000);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(new Set(rest.commands.slice(before))).toEqual(new Set(["EVALSHA"]));
  });

  it("asks an unreachable Redis once and reports the connection error at once, without retrying", async () => {
    const dead = createUpstashBackend({ url: "http://127.0.0.1:9", token: "x", timeoutMs: 3000 });
    const started = Date.now();
    const outcome = await checkRateLimit(dead, POLICIES["sign-in"], { ip: "198.51.100.8" }, 3000);
    expect(outcome.kind).toBe("failed");
    expect(outcome).not.toEqual({ kind: "failed", error: "rate limiter timed out" });
    expect(Date.now() - started).toBeLessThan(1000);
  });

  it("sends no telemetry headers to Redis", async () => {
    const broken = await startBrokenRedis(500);
    try {
      const backend = createUpstashBackend({ url: broken.url, token: "x", timeoutMs: 1000 });
      expect((await checkRateLimit(backend, POLICIES["sign-in"], { ip: "198.51.100.9" }, 1000)).kind).toBe("failed");
      expect(broken.seen.length).toBeGreaterThan(0);
      for (const headers of broken.seen)
        expect(Object.keys(headers).filter((name) => name.startsWith("upstash-telemetry"))).toEqual([]);
    } finally {
      await broken.close();
    }
  });

  it("reports a Redis that does not answer within the timeout as timed out, not as allowed", async () => {
    const silent = await startBrokenRedis(null);
    try {
      const backend = createUpstashBackend({ url: silent.url, token: "x", timeoutMs: 200 });
      expect(await checkRateLimit(backend, POLICIES["sign-in"], { ip: "198.51.100.10" }, 200)).toEqual({
        kind: "failed",
        error: "rate limiter timed out",
      });
    } finally {
      await silent.close();
    }
  });
});
