// Edge-safe. The rate-limit policy of every route class in one table: what it covers, how much
// it allows, by which keys, and what happens when the limiter itself fails.

export type Algorithm =
  | { kind: "sliding-window"; limit: number; windowMs: number }
  | { kind: "token-bucket"; capacity: number; refill: number; intervalMs: number };

/** What a request is counted by: the client address, the submitted account, or the signed-in user. */
export type KeyKind = "ip" | "account" | "user";

export type RateLimitPolicy = {
  name: string;
  description: string;
  rules: { key: KeyKind; algorithm: Algorithm }[];
  /** When the limiter cannot answer: refuse (authentication, money) or let through (browsing). */
  onFailure: "closed" | "open";
};

const minute = 60_000;
const sliding = (limit: number, windowMs: number): Algorithm => ({ kind: "sliding-window", limit, windowMs });

export const POLICIES = {
  "sign-in": {
    name: "sign-in",
    description: "POST /api/auth/callback/*",
    rules: [
      { key: "ip", algorithm: sliding(10, minute) },
      { key: "account", algorithm: sliding(20, 15 * minute) },
    ],
    onFailure: "closed",
  },
  register: {
    name: "register",
    description: "the registration and email-confirmation actions",
    rules: [
      { key: "ip", algorithm: sliding(10, 10 * minute) },
      { key: "account", algorithm: sliding(3, 60 * minute) },
    ],
    onFailure: "closed",
  },
  "password-reset": {
    name: "password-reset",
    description: "the reset-request and new-password actions",
    rules: [
      { key: "ip", algorithm: sliding(10, 15 * minute) },
      { key: "account", algorithm: sliding(3, 60 * minute) },
    ],
    onFailure: "closed",
  },
  "account-change": {
    name: "account-change",
    description: "the account actions (password change, sessions, profile)",
    rules: [
      { key: "user", algorithm: sliding(10, 15 * minute) },
      { key: "ip", algorithm: sliding(30, 15 * minute) },
    ],
    onFailure: "closed",
  },
  checkout: {
    name: "checkout",
    description: "form posts to /checkout, POST /api/checkout/*",
    rules: [{ key: "ip", algorithm: sliding(10, 10 * minute) }],
    onFailure: "closed",
  },
  "cart-write": {
    name: "cart-write",
    description: "form posts to /cart and /products/*, writes to /api/cart/*",
    rules: [{ key: "ip", algorithm: sliding(60, minute) }],
    onFailure: "open",
  },
  search: {
    name: "search",
    description: "GET /search",
    rules: [{ key: "ip", algorithm: sliding(30, minute) }],
    onFailure: "open",
  },
  "csp-report": {
    name: "csp-report",
    description: "POST /api/csp-report",
    rules: [{ key: "ip", algorithm: sliding(20, minute) }],
    onFailure: "closed",
  },
  webhook: {
    name: "webhook",
    description: "POST /api/webhooks/* (also signature-gated; failures aggregated per client)",
    // Stripe delivers from a handful of addresses and retries politely; far above what it sends,
    // far below what a flood of forged deliveries would need.
    rules: [{ key: "ip", algorithm: sliding(600, minute) }],
    onFailure: "open",
  },
  api: {
    name: "api",
    description: "any other /api/* route",
    rules: [{ key: "ip", algorithm: sliding(300, minute) }],
    onFailure: "open",
  },
  page: {
    name: "page",
    description: "every other page view and form post",
    // Generous: a catalog page's links are prefetched, so one page view can cost dozens of requests.
    rules: [{ key: "ip", algorithm: { kind: "token-bucket", capacity: 600, refill: 100, intervalMs: 10_000 } }],
    onFailure: "open",
  },
} as const satisfies Record<string, RateLimitPolicy>;

export type PolicyName = keyof typeof POLICIES;

/** Internal calls from the middleware itself, authenticated by HMAC. */
const EXEMPT = [/^\/api\/session\/refresh$/, /^\/api\/internal\//];

// Plain (non-action) form posts by path; actions posted here count their own class in the guard.
const FORM_POST_CLASSES: [RegExp, PolicyName][] = [
  [/^\/(register|verify-email)\/?$/, "register"],
  [/^\/(forgot-password|reset-password)\/?$/, "password-reset"],
  [/^\/account(\/|$)/, "account-change"],
  [/^\/checkout(\/|$)/, "checkout"],
  [/^\/(cart|products)(\/|$)/, "cart-write"],
];

/**
 * The policy for a request, or null when the route is exempt. A server action is dispatched by its
 * Next-Action id, not by the path it is posted to, so the path says nothing about what will run:
 * here it counts as page traffic, and the action counts its own class where it runs
 * (`limit` in lib/security/guard.ts).
 */
export function classifyRequest(method: string, pathname: string, serverAction = false): PolicyName | null {
  if (EXEMPT.some((pattern) => pattern.test(pathname))) return null;
  const write = method !== "GET" && method !== "HEAD";
  if (write && serverAction && !pathname.startsWith("/api/")) return "page";
  if (pathname.startsWith("/api/")) {
    if (write && pathname.startsWith("/api/auth/callback/")) return "sign-in";
    if (write && pathname === "/api/csp-report") return "csp-report";
    if (write && pathname.startsWith("/api/webhooks/")) return "webhook";
    if (write && pathname.startsWith("/api/checkout")) return "checkout";
    if (write && pathname.startsWith("/api/cart")) return "cart-write";
    return "api";
  }
  if (write) return FORM_POST_CLASSES.find(([pattern]) => pattern.test(pathname))?.[1] ?? "page";
  if (/^\/search\/?$/.test(pathname)) return "search";
  return "page";
}
