// Edge-safe. Applies a policy's rules through a backend: Upstash Redis when configured (shared by
// every instance), otherwise the in-process memory limiter.
import { Ratelimit, type Duration } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import { MemoryLimiter, type LimitResult } from "./memory-limiter";
import type { Algorithm, KeyKind, RateLimitPolicy } from "./policies";

export type BackendResult = LimitResult & { reason?: string };

export type RateLimitBackend = {
  name: "upstash" | "memory";
  limit(prefix: string, identifier: string, algorithm: Algorithm): Promise<BackendResult>;
};

export type LimitOutcome =
  | { kind: "allowed"; limit: number; remaining: number; reset: number }
  | { kind: "blocked"; limit: number; remaining: 0; reset: number; key: KeyKind }
  | { kind: "failed"; error: string };

export function createMemoryBackend(limiter = new MemoryLimiter()): RateLimitBackend {
  return {
    name: "memory",
    limit: async (prefix, identifier, algorithm) => limiter.limit(`${prefix}:${identifier}`, algorithm),
  };
}

const ms = (value: number) => `${value} ms` as Duration;

export function createUpstashBackend(config: { url: string; token: string; timeoutMs: number }): RateLimitBackend {
  // No client retries: a slow or failing Redis must be decided by the policy within the timeout.
  const redis = new Redis({ url: config.url, token: config.token, retry: false, enableTelemetry: false });
  const limiters = new Map<string, Ratelimit>();
  const limiterFor = (prefix: string, algorithm: Algorithm) => {
    let limiter = limiters.get(prefix);
    if (!limiter) {
      limiter = new Ratelimit({
        redis,
        prefix,
        timeout: config.timeoutMs,
        analytics: false,
        limiter:
          algorithm.kind === "sliding-window"
            ? Ratelimit.slidingWindow(algorithm.limit, ms(algorithm.windowMs))
            : Ratelimit.tokenBucket(algorithm.refill, ms(algorithm.intervalMs), algorithm.capacity),
      });
      limiters.set(prefix, limiter);
    }
    return limiter;
  };
  return {
    name: "upstash",
    async limit(prefix, identifier, algorithm) {
      const result = await limiterFor(prefix, algorithm).limit(identifier);
      return {
        success: result.success,
        limit: result.limit,
        remaining: result.remaining,
        reset: result.reset,
        ...(result.reason ? { reason: result.reason } : {}),
      };
    },
  };
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`rate limiter did not answer within ${timeoutMs} ms`)), timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}

/**
 * Counts one request against every rule of a policy that has a key. The first rule over its
 * limit blocks; a backend error or timeout is reported as "failed" for the policy to decide.
 */
export async function checkRateLimit(
  backend: RateLimitBackend,
  policy: RateLimitPolicy,
  keys: Partial<Record<KeyKind, string>>,
  timeoutMs: number,
): Promise<LimitOutcome> {
  let tightest: LimitOutcome | null = null;
  for (const rule of policy.rules) {
    const identifier = keys[rule.key];
    if (!identifier) continue;
    let result: BackendResult;
    try {
      result = await withTimeout(
        backend.limit(`bulwark:rl:${policy.name}:${rule.key}`, identifier, rule.algorithm),
        timeoutMs + 100,
      );
    } catch (error) {
      return { kind: "failed", error: error instanceof Error ? error.message : String(error) };
    }
    // @upstash/ratelimit lets a request through when Redis times out; that is our decision to make.
    if (result.reason === "timeout") return { kind: "failed", error: "rate limiter timed out" };
    if (!result.success)
      return { kind: "blocked", limit: result.limit, remaining: 0, reset: result.reset, key: rule.key };
    if (!tightest || (tightest.kind === "allowed" && result.remaining < tightest.remaining)) {
      tightest = { kind: "allowed", limit: result.limit, remaining: result.remaining, reset: result.reset };
    }
  }
  return tightest ?? { kind: "allowed", limit: 0, remaining: 0, reset: 0 };
}
