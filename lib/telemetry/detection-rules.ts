import { BROWSER_AGENT_FAMILIES } from "@/lib/security/user-agent";
import type { SecurityEventType } from "./security-events";

// What counts as an attack, in one table. Each rule watches some event types over a sliding
// window, groups them by the network (an IPv4 /24, an IPv6 /48), the client, the account (its
// pseudonym) or another key of the event, and
// opens one alert per incident when its measure reaches the threshold (lib/telemetry/detection.ts).

/**
 * What an alert does at once: refuse the address (or its /24 or /64) for some rate-limit classes
 * (lib/rate-limit/policies.ts), or "all", until it expires. Only where blocking cannot keep out
 * the shoppers it protects: a prefix is refused sign-in, never browsing or checkout.
 */
export type Containment = { scope: "address" | "prefix"; classes: readonly string[] | "all"; ttlMs: number };

export type DetectionRule = {
  name: string;
  description: string;
  events: SecurityEventType[];
  /** What one incident is about. */
  groupBy: "network" | "actor" | "clientKey" | "tenantId" | "agentFamily" | "credentialTag";
  /** Count only events from clients that are not a browser (a script, a headless or unknown agent). */
  nonBrowserOnly?: boolean;
  /**
   * Leave out crawlers that say so (agent family "bot"): a search engine re-crawling a store
   * whose products were removed, or that moved from another platform, follows many dead links.
   */
  exceptCrawlers?: boolean;
  /** What is counted per group within the window. */
  measure: "events" | "distinct-actors" | "distinct-prefixes";
  threshold: number;
  windowMs: number;
  contain?: Containment;
};

const minutes = (n: number) => n * 60_000;

export const DETECTION_RULES: readonly DetectionRule[] = [
  {
    name: "credential-stuffing",
    description: "failed sign-ins for many different accounts from one network (an IPv4 /24, an IPv6 /48)",
    events: ["auth.login_failed"],
    groupBy: "network",
    measure: "distinct-actors",
    threshold: 10,
    windowMs: minutes(10),
    contain: { scope: "prefix", classes: ["sign-in", "register", "password-reset"], ttlMs: minutes(30) },
  },
  {
    name: "scripted-stuffing",
    description:
      "failed sign-ins for many different accounts from one kind of non-browser client, whatever its addresses",
    events: ["auth.login_failed"],
    groupBy: "agentFamily",
    nonBrowserOnly: true,
    measure: "distinct-actors",
    threshold: 15,
    windowMs: minutes(10),
  },
  {
    name: "distributed-brute-force",
    description: "failed sign-ins or codes for one account from many address prefixes",
    events: ["auth.login_failed", "auth.second_factor_failed"],
    groupBy: "actor",
    measure: "distinct-prefixes",
    threshold: 5,
    windowMs: minutes(15),
  },
  {
    name: "account-guessing",
    description: "many failed sign-ins or codes for one account",
    events: ["auth.login_failed", "auth.second_factor_failed"],
    groupBy: "actor",
    measure: "events",
    threshold: 20,
    windowMs: minutes(15),
  },
  {
    name: "session-credential-reuse",
    description: "a rotated-out session credential presented again (a copied cookie)",
    events: ["session.reuse_detected"],
    groupBy: "actor",
    measure: "events",
    threshold: 1,
    windowMs: minutes(60),
  },
  {
    name: "webhook-forgery",
    description: "webhook calls with a missing or wrong Stripe signature",
    events: ["webhook.signature_invalid"],
    groupBy: "network",
    measure: "events",
    threshold: 1,
    windowMs: minutes(10),
    contain: { scope: "prefix", classes: ["webhook"], ttlMs: minutes(30) },
  },
  {
    name: "scanner-agent",
    description: "a request from an attack tool that names itself in its user agent (sqlmap, nikto, nuclei…)",
    events: ["scanner.identified"],
    groupBy: "clientKey",
    measure: "events",
    threshold: 1,
    windowMs: minutes(10),
    contain: { scope: "address", classes: "all", ttlMs: minutes(30) },
  },
  {
    name: "scanner",
    description: "requests for well-known sensitive paths of other stacks",
    events: ["probe.detected"],
    groupBy: "clientKey",
    measure: "events",
    threshold: 3,
    windowMs: minutes(1),
    contain: { scope: "address", classes: "all", ttlMs: minutes(30) },
  },
  {
    name: "path-enumeration",
    description:
      "requests for many paths the shop does not serve, or slugs and ids it does not have, from one client that is no crawler (a scanner's word list)",
    events: ["probe.not_found"],
    groupBy: "clientKey",
    exceptCrawlers: true,
    measure: "events",
    threshold: 20,
    windowMs: minutes(1),
    contain: { scope: "address", classes: "all", ttlMs: minutes(15) },
  },
  {
    name: "network-probing",
    description:
      "unserved and sensitive paths from many clients of one network, steered or not (a scanner rotating through its addresses)",
    events: ["probe.not_found", "probe.detected", "probe.cross_site"],
    groupBy: "network",
    measure: "events",
    threshold: 60,
    windowMs: minutes(1),
  },
  {
    name: "steered-probing",
    description:
      "probes a browser says another site caused, from one client (a page luring browsers, or a tool borrowing a browser's headers)",
    events: ["probe.cross_site"],
    groupBy: "clientKey",
    measure: "events",
    threshold: 30,
    windowMs: minutes(1),
  },
  {
    name: "injection-probing",
    description: "queries carrying an injection tool's payloads (SQL, script, path traversal) from one client",
    events: ["probe.injection"],
    groupBy: "clientKey",
    measure: "events",
    threshold: 5,
    windowMs: minutes(5),
  },
  {
    name: "stuffing-wave",
    description:
      "failed sign-ins for very many accounts of one store, from anywhere (slow stuffing spread over networks)",
    events: ["auth.login_failed"],
    groupBy: "tenantId",
    measure: "distinct-actors",
    threshold: 40,
    windowMs: minutes(30),
  },
  {
    name: "password-spraying",
    description: "one password tried against many accounts (the same keyed fingerprint of the password), from anywhere",
    events: ["auth.login_failed"],
    groupBy: "credentialTag",
    measure: "distinct-actors",
    threshold: 8,
    windowMs: minutes(30),
  },
  {
    name: "inventory-hoarding",
    description:
      "checkouts refused for holding too much unpaid stock, again and again, from one network (an IPv4 /24, an IPv6 /48)",
    events: ["checkout.hold_refused"],
    groupBy: "network",
    measure: "events",
    threshold: 3,
    windowMs: minutes(30),
  },
  {
    name: "account-hoarding",
    description:
      "checkouts refused for holding too much unpaid stock, again and again, for one account (from any address)",
    events: ["checkout.hold_refused"],
    groupBy: "actor",
    measure: "events",
    threshold: 3,
    windowMs: minutes(30),
  },
  {
    name: "card-testing",
    description:
      "checkouts started, or refused for holding too much, from one network (an IPv4 /24, an IPv6 /48) at a pace no shopper keeps",
    events: ["checkout.started", "checkout.hold_refused"],
    groupBy: "network",
    measure: "events",
    threshold: 12,
    windowMs: minutes(10),
  },
  {
    name: "catalog-scraping",
    description: "one client reading far more catalog pages than a shopper does (reported by the middleware)",
    events: ["scraping.suspected"],
    groupBy: "clientKey",
    measure: "events",
    threshold: 1,
    windowMs: minutes(10),
  },
  {
    name: "fake-sign-ups",
    description: "many registrations from one network (an IPv4 /24, an IPv6 /48)",
    events: ["auth.registered"],
    groupBy: "network",
    measure: "distinct-actors",
    threshold: 10,
    windowMs: minutes(10),
    contain: { scope: "prefix", classes: ["register"], ttlMs: minutes(30) },
  },
  {
    name: "cross-tenant-probing",
    description:
      "refused roles, ids this store does not have and another store's session cookies, from one network (an IPv4 /24, an IPv6 /48)",
    events: ["access.denied", "access.not_found", "session.tenant_mismatch"],
    groupBy: "network",
    measure: "events",
    threshold: 5,
    windowMs: minutes(10),
  },
  {
    name: "account-probing",
    description: "refused roles and ids this store does not have, for one account, from any network",
    events: ["access.denied", "access.not_found"],
    groupBy: "actor",
    measure: "events",
    threshold: 8,
    windowMs: minutes(10),
  },
  {
    name: "rate-limit-abuse",
    description: "rate limits reached again and again from one network (an IPv4 /24, an IPv6 /48)",
    events: ["ratelimit.blocked"],
    groupBy: "network",
    measure: "events",
    threshold: 3,
    windowMs: minutes(10),
  },
  {
    name: "input-probing",
    description: "malformed input and forged CSRF tokens from one network (an IPv4 /24, an IPv6 /48)",
    events: ["input.rejected", "auth.csrf_rejected"],
    groupBy: "network",
    measure: "events",
    threshold: 20,
    windowMs: minutes(5),
  },
];

/** How often every instance evaluates the rules. */
/** The agent families of real browsers (lib/security/user-agent.ts); "" is an event without a request. */
export const BROWSER_FAMILIES = [...BROWSER_AGENT_FAMILIES, ""] as const;

export const DETECTION_INTERVAL_MS = 2_000;
