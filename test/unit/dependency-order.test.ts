import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { domainOf, findDomainCycles, readImportGraph, readSpecifiers, type ImportEdge } from "../support/import-graph";

// Issue 11: lib/ domains depend in one direction (docs/decisions/010-dependency-order.md), read
// from the import graph the TypeScript compiler resolves — every import, export-from, require()
// and dynamic import(), whatever the spelling — not from a list of strings.

/** Lowest first: a domain may import only domains before it. */
export const DEPENDENCY_ORDER = [
  "env",
  "security",
  "db",
  "telemetry",
  "rate-limit",
  "mail",
  "tenancy",
  "identity",
  "catalog",
  "cart",
  "payments",
  "checkout",
  "orders",
  "guard",
] as const;

/** The modules that may use the unscoped platform client, and why. Everything else is per tenant. */
export const PLATFORM_CLIENT_USERS: Record<string, string> = {
  "lib/tenancy/get-tenant.ts": "resolving a request's host to its tenant",
  "lib/tenancy/admin-tenants.ts": "the administrator console: stores",
  "lib/tenancy/store-settings.ts":
    "a merchant's settings of their own store: the tenant client reads its Tenant row but never writes one; the id is the guard's, from the Host",
  "lib/identity/manage-users.ts": "the administrator console: users of every store",
  "lib/identity/session-store.ts": "session credentials looked up by their hash, owner checked after",
  "lib/identity/one-time-tokens.ts": "email and reset links looked up by their hash, owner checked after",
  "lib/identity/password-reset.ts": "reset links looked up by their hash",
  "lib/identity/registration.ts": "confirmation links looked up by their hash",
  "lib/catalog/listing-sql.ts":
    "listing pages and full-text search in one raw statement (the tenant client refuses raw SQL); the store id is bound in every table it reads, and it returns only ids, read again through the tenant client",
  "lib/identity/sign-in.ts": "the account a sign-in names, in the tenant the host names",
  "lib/identity/lockout.ts": "sign-in throttles, keyed by tenant and account hash (not a tenant-owned table)",
  "lib/orders/receive-stripe-event.ts": "Stripe events: the tenant comes from our own order",
  "lib/checkout/reservations.ts": "the sweeper that releases expired holds of every store",
  "lib/checkout/start-checkout.ts": "creating the order and its holds in one transaction with Stripe's session id",
  "lib/mail/send-mail.ts": "the outbox, a platform-level queue",
  "lib/mail/outbox.ts": "the delivery worker's claims over every store's mail, and the administrators' dead letters",
  "lib/telemetry/security-events.ts": "the security log",
  "lib/telemetry/aggregate-events.ts": "the security log (aggregated rows)",
  "lib/telemetry/list-security-events.ts": "the security log, read by administrators",
  "lib/telemetry/detection.ts": "detection rules over every store's security log",
  "lib/telemetry/containment.ts": "blocks on addresses of any store, read by every instance's middleware",
  "lib/telemetry/alerts.ts": "alerts of every store, for administrators (and one store's, filtered)",
  "lib/telemetry/rule-activity.ts": "the administrators' chart of every store's security events by rule",
};

const DATA_LAYER = /^(lib\/db\/|@prisma\/|better-sqlite3$|@libsql\/)/;

function backEdges(edges: ImportEdge[]): string[] {
  const rank = new Map<string, number>(DEPENDENCY_ORDER.map((domain, index) => [domain, index]));
  const problems: string[] = [];
  for (const edge of edges) {
    const from = domainOf(edge.from);
    const to = domainOf(edge.to);
    if (!from || !to || from === to) continue;
    if (!rank.has(from) || !rank.has(to)) problems.push(`${edge.from} → ${edge.to}: domain not in the order`);
    else if (rank.get(to)! > rank.get(from)!) problems.push(`${edge.from} → ${edge.to}`);
  }
  return problems;
}

const graph = readImportGraph();

describe("lib/ domains point one way", () => {
  it("no cycles between domain folders", () => {
    expect(findDomainCycles(graph)).toEqual([]);
  });

  it("every import goes down the declared order (types included), and every domain is in it", () => {
    expect(backEdges(graph)).toEqual([]);
  });

  it("the check finds a back-edge and a cycle added on purpose", () => {
    const backEdge: ImportEdge = {
      from: "lib/catalog/list-products.ts",
      to: "lib/orders/orders.ts",
      specifier: "@/lib/orders/orders",
      typeOnly: false,
      names: [],
    };
    expect(backEdges([...graph, backEdge])).toEqual(["lib/catalog/list-products.ts → lib/orders/orders.ts"]);
    const reverse: ImportEdge = { ...backEdge, from: "lib/orders/orders.ts", to: "lib/catalog/list-products.ts" };
    expect(findDomainCycles([...graph, backEdge, reverse]).some((group) => group.includes("catalog"))).toBe(true);
  });
});

describe("the data layer", () => {
  it("no module under app/ reaches Prisma, the database client or a driver, by any spelling", () => {
    const offenders = graph.filter((edge) => edge.from.startsWith("app/") && DATA_LAYER.test(edge.to));
    expect(offenders.map((edge) => `${edge.from} → ${edge.specifier}`)).toEqual([]);
  });

  it("reads every spelling of an import: relative, alias, require, dynamic import, export-from, type", () => {
    const source = [
      'import { getPlatformDb } from "../../lib/db";',
      'const a = require("@/lib/db");',
      'const b = await import("@/lib/db/generated/client");',
      'export { Prisma } from "@prisma/client";',
      'import type { Db } from "@/lib/db";',
      'type C = import("@/lib/db").Db;',
    ].join("\n");
    const found = readSpecifiers("app/x/page.ts", source);
    expect(found.map((f) => f.specifier)).toEqual([
      "../../lib/db",
      "@/lib/db",
      "@/lib/db/generated/client",
      "@prisma/client",
      "@/lib/db",
      "@/lib/db",
    ]);
    expect(found[0]!.names).toEqual(["getPlatformDb"]);
  });

  it("the platform client is used only by the named modules", () => {
    const users = new Set(
      graph
        .filter(
          (edge) =>
            edge.to === "lib/db/index.ts" &&
            !edge.from.startsWith("lib/db/") &&
            (edge.names.includes("getPlatformDb") || (!edge.typeOnly && edge.names.length === 0)),
        )
        .map((edge) => edge.from),
    );
    const unexpected = [...users].filter((file) => !(file in PLATFORM_CLIENT_USERS));
    expect(unexpected).toEqual([]);
    // The list stays honest too: a module that no longer needs it leaves the list.
    expect(Object.keys(PLATFORM_CLIENT_USERS).filter((file) => !users.has(file))).toEqual([]);
  });

  it("browser code lives outside lib/: no client component imports a lib/ module that is not edge-safe data", () => {
    const clientFiles = new Set(
      graph.map((edge) => edge.from).filter((file) => /^\s*["']use client["']/.test(readFileSync(file, "utf8"))),
    );
    // A client component may take types, and the few pure modules made for both sides.
    const offenders = graph.filter(
      (edge) =>
        clientFiles.has(edge.from) &&
        edge.to.startsWith("lib/") &&
        !edge.typeOnly &&
        readFileSync(edge.to, "utf8").includes('import "server-only"'),
    );
    expect(offenders.map((edge) => `${edge.from} → ${edge.to}`)).toEqual([]);
    expect([...clientFiles].filter((file) => file.startsWith("lib/"))).toEqual([]);
  });
});
