// Edge-safe in-memory limiter with the same result shape as @upstash/ratelimit. It counts per
// process, so it suits one instance (development, a single server); several instances need the
// shared Upstash backend.
import type { Algorithm } from "./policies";

export type LimitResult = { success: boolean; limit: number; remaining: number; reset: number };

type WindowState = { windowStart: number; current: number; previous: number };
type BucketState = { tokens: number; updatedAt: number };

const MAX_KEYS = 50_000;

export class MemoryLimiter {
  private windows = new Map<string, WindowState>();
  private buckets = new Map<string, BucketState>();

  constructor(private readonly now: () => number = Date.now) {}

  limit(key: string, algorithm: Algorithm): LimitResult {
    this.prune();
    return algorithm.kind === "sliding-window" ? this.slidingWindow(key, algorithm) : this.tokenBucket(key, algorithm);
  }

  /** Upstash's sliding window: this window's count plus the previous one's, weighted by overlap. */
  private slidingWindow(key: string, { limit, windowMs }: Extract<Algorithm, { kind: "sliding-window" }>): LimitResult {
    const now = this.now();
    const windowStart = Math.floor(now / windowMs) * windowMs;
    let state = this.windows.get(key);
    if (!state || state.windowStart !== windowStart) {
      const previous = state && state.windowStart === windowStart - windowMs ? state.current : 0;
      state = { windowStart, current: 0, previous };
      this.windows.set(key, state);
    }
    const overlap = 1 - (now - windowStart) / windowMs;
    const used = Math.floor(state.previous * overlap) + state.current;
    const reset = windowStart + windowMs;
    if (used >= limit) return { success: false, limit, remaining: 0, reset };
    state.current += 1;
    return { success: true, limit, remaining: Math.max(0, limit - used - 1), reset };
  }

  private tokenBucket(
    key: string,
    { capacity, refill, intervalMs }: Extract<Algorithm, { kind: "token-bucket" }>,
  ): LimitResult {
    const now = this.now();
    const state = this.buckets.get(key) ?? { tokens: capacity, updatedAt: now };
    const intervals = Math.floor((now - state.updatedAt) / intervalMs);
    if (intervals > 0) {
      state.tokens = Math.min(capacity, state.tokens + intervals * refill);
      state.updatedAt += intervals * intervalMs;
    }
    this.buckets.set(key, state);
    const reset = state.updatedAt + intervalMs;
    if (state.tokens < 1) return { success: false, limit: capacity, remaining: 0, reset };
    state.tokens -= 1;
    return { success: true, limit: capacity, remaining: state.tokens, reset };
  }

  /** Keeps memory bounded under a flood of distinct keys: forget the oldest entries first. */
  private prune() {
    for (const map of [this.windows, this.buckets] as Map<string, unknown>[]) {
      if (map.size <= MAX_KEYS) continue;
      const excess = map.size - MAX_KEYS * 0.9;
      let removed = 0;
      for (const key of map.keys()) {
        if (removed++ >= excess) break;
        map.delete(key);
      }
    }
  }
}
