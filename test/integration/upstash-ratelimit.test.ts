import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Redis } from "@upstash/redis";
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
