// Edge-safe: the middleware's rate-limit step.
import type { NextRequest } from "next/server";
import { getEdgeConfig } from "@/lib/env/edge-config";
import { rateLimitSubject } from "@/lib/security/client-ip";
import { logFromEdge } from "@/lib/telemetry/edge-logger";
import { createMemoryBackend, createUpstashBackend, checkRateLimit, type RateLimitBackend } from "./limiter";
import { classifyRequest, POLICIES, type KeyKind, type PolicyName } from "./policies";
import { limiterUnavailable, tooManyRequests } from "./responses";

export type RateLimitReport = {
  type: "ratelimit.blocked" | "ratelimit.failure";
  severity: "WARNING" | "CRITICAL";
  details: Record<string, unknown>;
};

let backend: RateLimitBackend | undefined;

/** Upstash when UPSTASH_REDIS_REST_URL and _TOKEN are set, the in-process limiter otherwise. */
export function getRateLimitBackend(): RateLimitBackend {
  const { UPSTASH_REDIS_REST_URL: url, UPSTASH_REDIS_REST_TOKEN: token } = getEdgeConfig();
  backend ??=
    url && token ? createUpstashBackend({ url, token, timeoutMs: rateLimitTimeoutMs() }) : createMemoryBackend();
  return backend;
}

export function rateLimitTimeoutMs(): number {
  return getEdgeConfig().RATE_LIMIT_TIMEOUT_MS;
}

async function sha256Hex(value: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The per-account key of a sign-in or registration: a SHA-256 of the store and the email in its
 * canonical form, so no address is ever stored in Redis and one store's traffic never spends
 * another's budget. Computed by the handler from the input it has parsed itself (never by the
 * middleware from a body it would have to parse differently).
 */
export async function accountKey(tenantId: string, canonicalEmail: string): Promise<string> {
  return sha256Hex(`${tenantId}\n${canonicalEmail}`);
}

// One report per key and window is enough for the log; a flood must not flood the database.
const reported = new Map<string, number>();
function firstReportInWindow(key: string, until: number): boolean {
  const now = Date.now();
  if ((reported.get(key) ?? 0) > now) return false;
  if (reported.size > 10_000) reported.clear();
  reported.set(key, until);
  return true;
}

export type RateLimitDecision = { response: Response | null; policy: PolicyName | null; report?: RateLimitReport };

export type HandlerLimitDecision =
  | { kind: "allowed" }
  | { kind: "blocked"; limit: number; reset: number; report?: RateLimitReport }
  | { kind: "failed"; refuse: boolean; report: RateLimitReport };

/**
 * Counts one request against a policy's rules for the keys given, where the request is handled:
 * the sign-in route and the guarded actions call it with the account exactly as they will use it
 * (and actions with their client address and user, since only they know which action runs).
 */
export async function enforceLimitInHandler(
  policyName: PolicyName,
  keys: Partial<Record<KeyKind, string>>,
  backend: RateLimitBackend = getRateLimitBackend(),
): Promise<HandlerLimitDecision> {
  const policy = POLICIES[policyName];
  const counted = { ...keys, ...(keys.ip !== undefined ? { ip: rateLimitSubject(keys.ip) || "unknown" } : {}) };
  const outcome = await checkRateLimit(backend, policy, counted, rateLimitTimeoutMs());
  if (outcome.kind === "allowed") return { kind: "allowed" };
  if (outcome.kind === "blocked") {
    const report = firstReportInWindow(`${policyName}:${outcome.key}:${counted[outcome.key]}`, outcome.reset)
      ? {
          type: "ratelimit.blocked" as const,
          severity: "WARNING" as const,
          details: { policy: policyName, key: outcome.key, limit: outcome.limit },
        }
      : undefined;
    return { kind: "blocked", limit: outcome.limit, reset: outcome.reset, ...(report ? { report } : {}) };
  }
  const refuse = policy.onFailure === "closed";
  const report: RateLimitReport = {
    type: "ratelimit.failure",
    severity: refuse ? "CRITICAL" : "WARNING",
    details: {
      policy: policyName,
      backend: backend.name,
      error: outcome.error,
      decision: refuse ? "refused" : "allowed",
    },
  };
  logFromEdge("warn", "rate_limiter_failed", report.details);
  return { kind: "failed", refuse, report };
}

/**
 * Counts a request by its client address (IPv6 per /64) and, when signed in, its user, under the
 * class of `path` — the decoded path the router will dispatch (lib/security/route-path.ts), never
 * the raw one.
 */
export async function enforceRateLimit(
  request: NextRequest,
  input: { clientIp: string; userId?: string; path: string; policy?: PolicyName | null },
  backend: RateLimitBackend = getRateLimitBackend(),
): Promise<RateLimitDecision> {
  const pathname = input.path;
  // The middleware has classified the request already; other callers let it be classified here.
  const policyName =
    input.policy !== undefined
      ? input.policy
      : classifyRequest(request.method, pathname, request.headers.has("next-action"));
  if (!policyName) return { response: null, policy: null };
  const policy = POLICIES[policyName];
  // The per-account rules are counted by the handlers that parse the body (enforceAccountLimit).
  const keys: Partial<Record<KeyKind, string>> = { ip: rateLimitSubject(input.clientIp) || "unknown" };
  if (input.userId) keys.user = input.userId;

  const outcome = await checkRateLimit(backend, policy, keys, rateLimitTimeoutMs());
  if (outcome.kind === "allowed") return { response: null, policy: policyName };
  if (outcome.kind === "blocked") {
    const report = firstReportInWindow(`${policyName}:${outcome.key}:${keys[outcome.key]}`, outcome.reset)
      ? {
          type: "ratelimit.blocked" as const,
          severity: "WARNING" as const,
          details: { policy: policyName, key: outcome.key, limit: outcome.limit },
        }
      : undefined;
    return { response: tooManyRequests(request, pathname, outcome), policy: policyName, ...(report ? { report } : {}) };
  }
  const report: RateLimitReport = {
    type: "ratelimit.failure",
    severity: policy.onFailure === "closed" ? "CRITICAL" : "WARNING",
    details: {
      policy: policyName,
      backend: backend.name,
      error: outcome.error,
      decision: policy.onFailure === "closed" ? "refused" : "allowed",
    },
  };
  logFromEdge("warn", "rate_limiter_failed", report.details);
  return {
    response: policy.onFailure === "closed" ? limiterUnavailable(request, pathname) : null,
    policy: policyName,
    report,
  };
}
