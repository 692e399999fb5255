// Edge-safe: the middleware's rate-limit step.
import type { NextRequest } from "next/server";
import { rateLimitSubject } from "@/lib/security/client-ip";
import { logEvent } from "@/lib/telemetry/logger";
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
  const url = process.env.UPSTASH_REDIS_REST_URL;
  const token = process.env.UPSTASH_REDIS_REST_TOKEN;
  backend ??=
    url && token ? createUpstashBackend({ url, token, timeoutMs: rateLimitTimeoutMs() }) : createMemoryBackend();
  return backend;
}

export function rateLimitTimeoutMs(): number {
  const value = Number.parseInt(process.env.RATE_LIMIT_TIMEOUT_MS ?? "", 10);
  return Number.isInteger(value) && value > 0 && value <= 5000 ? value : 500;
}

async function sha256Hex(value: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(value));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/**
 * The account a sign-in or registration names, read from the form body (urlencoded for sign-in,
 * multipart for server actions, whose field names carry a prefix such as "1_email"). Hashed: no
 * email address is ever stored in Redis.
 */
async function readSubmittedAccount(request: NextRequest): Promise<string | undefined> {
  const length = Number(request.headers.get("content-length") ?? "0");
  if (length > 64 * 1024) return undefined;
  const type = request.headers.get("content-type") ?? "";
  if (!type.includes("form")) return undefined;
  try {
    const form = await request.clone().formData();
    for (const [name, value] of form.entries()) {
      if (/(^|_)email$/.test(name) && typeof value === "string" && value.trim()) {
        return sha256Hex(value.trim().toLowerCase());
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
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

/**
 * Counts a request by its client address (IPv6 per /64) and, when signed in, its user, under the
 * class of `path` — the decoded path the router will dispatch (lib/security/route-path.ts), never
 * the raw one.
 */
export async function enforceRateLimit(
  request: NextRequest,
  input: { clientIp: string; userId?: string; path: string },
  backend: RateLimitBackend = getRateLimitBackend(),
): Promise<RateLimitDecision> {
  const pathname = input.path;
  const policyName = classifyRequest(request.method, pathname);
  if (!policyName) return { response: null, policy: null };
  const policy = POLICIES[policyName];
  const keys: Partial<Record<KeyKind, string>> = { ip: rateLimitSubject(input.clientIp) || "unknown" };
  if (input.userId) keys.user = input.userId;
  if (policy.rules.some((rule) => rule.key === "account")) {
    const account = await readSubmittedAccount(request);
    if (account) keys.account = account;
  }

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
  logEvent("warn", "rate_limiter_failed", report.details);
  return {
    response: policy.onFailure === "closed" ? limiterUnavailable(request, pathname) : null,
    policy: policyName,
    report,
  };
}
