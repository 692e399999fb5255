import { describe, expect, it } from "vitest";
import {
  checkRateLimit,
  createMemoryBackend,
  type BackendResult,
  type RateLimitBackend,
} from "@/lib/rate-limit/limiter";
import { MemoryLimiter } from "@/lib/rate-limit/memory-limiter";
import { POLICIES, type RateLimitPolicy } from "@/lib/rate-limit/policies";

// checkRateLimit's answer when every rule lets a request through (the tightest rule is what a
// caller would advertise), and how it words a limiter that does not answer.

const sliding = { kind: "sliding-window", limit: 100, windowMs: 60_000 } as const;
const twoRules: RateLimitPolicy = {
  name: "two-rules",
  description: "an address rule and an account rule",
  rules: [
    { key: "ip", algorithm: sliding },
    { key: "account", algorithm: sliding },
  ],
  onFailure: "closed",
};

/** Answers each rule (by its prefix's last part) with the result given for it. */
function answering(results: Record<string, BackendResult>): RateLimitBackend {
  return { name: "memory", limit: async (prefix) => results[prefix.split(":").at(-1)!]! };
}

describe("checkRateLimit when every rule allows", () => {
  it("answers with the rule that has the fewest requests left, whichever rule it is", async () => {
    const ipTighter = answering({
      ip: { success: true, limit: 10, remaining: 2, reset: 1_000 },
      account: { success: true, limit: 20, remaining: 7, reset: 2_000 },
    });
    expect(await checkRateLimit(ipTighter, twoRules, { ip: "a", account: "b" }, 100)).toEqual({
      kind: "allowed",
      limit: 10,
      remaining: 2,
      reset: 1_000,
    });
    const accountTighter = answering({
      ip: { success: true, limit: 10, remaining: 7, reset: 1_000 },
      account: { success: true, limit: 20, remaining: 2, reset: 2_000 },
    });
    expect(await checkRateLimit(accountTighter, twoRules, { ip: "a", account: "b" }, 100)).toEqual({
      kind: "allowed",
      limit: 20,
      remaining: 2,
      reset: 2_000,
    });
  });

  it("keeps the first rule when two have as many left", async () => {
    const even = answering({
      ip: { success: true, limit: 10, remaining: 4, reset: 1_000 },
      account: { success: true, limit: 20, remaining: 4, reset: 2_000 },
    });
    expect(await checkRateLimit(even, twoRules, { ip: "a", account: "b" }, 100)).toEqual({
      kind: "allowed",
      limit: 10,
      remaining: 4,
      reset: 1_000,
    });
  });

  it("allows a request no rule has a key for, with nothing counted", async () => {
    const calls: string[] = [];
    const backend: RateLimitBackend = {
      name: "memory",
      limit: async (prefix) => {
        calls.push(prefix);
        return { success: false, limit: 1, remaining: 0, reset: 0 };
      },
    };
    expect(await checkRateLimit(backend, twoRules, {}, 100)).toEqual({
      kind: "allowed",
      limit: 0,
      remaining: 0,
      reset: 0,
    });
    expect(await checkRateLimit(backend, twoRules, { ip: "" }, 100)).toEqual({
      kind: "allowed",
      limit: 0,
      remaining: 0,
      reset: 0,
    });
    expect(calls).toEqual([]);
  });
});

describe("checkRateLimit when the limiter does not answer", () => {
  it("says how long it waited: the timeout plus 100 ms of slack for the backend's own timeout", async () => {
    const slow: RateLimitBackend = { name: "upstash", limit: () => new Promise(() => undefined) };
    expect(await checkRateLimit(slow, POLICIES["sign-in"], { ip: "a" }, 50)).toEqual({
      kind: "failed",
      error: "rate limiter did not answer within 150 ms",
    });
  });

  it("waits out the slack: an answer 40 ms past the timeout still counts", async () => {
    const late: RateLimitBackend = {
      name: "upstash",
      limit: () =>
        new Promise((resolve) => setTimeout(() => resolve({ success: true, limit: 10, remaining: 9, reset: 0 }), 90)),
    };
    expect((await checkRateLimit(late, POLICIES["sign-in"], { ip: "a" }, 50)).kind).toBe("allowed");
  });

  it("treats the backend's own timeout as a failure, in those words", async () => {
    const timedOut: RateLimitBackend = {
      name: "upstash",
      limit: async () => ({ success: true, limit: 10, remaining: 10, reset: 0, reason: "timeout" }),
    };
    expect(await checkRateLimit(timedOut, POLICIES["sign-in"], { ip: "a" }, 50)).toEqual({
      kind: "failed",
      error: "rate limiter timed out",
    });
  });
});

describe("the in-process backend", () => {
  it("names itself in failure reports and counts each prefix and identifier apart", async () => {
    const backend = createMemoryBackend(new MemoryLimiter(() => 0));
    expect(backend.name).toBe("memory");
    const one = { kind: "sliding-window", limit: 1, windowMs: 60_000 } as const;
    expect((await backend.limit("p", "k", one)).success).toBe(true);
    expect((await backend.limit("p", "k", one)).success).toBe(false);
    expect((await backend.limit("q", "k", one)).success).toBe(true);
    expect((await backend.limit("p", "j", one)).success).toBe(true);
  });
});
