import "../support/in-process-mocks";
import { beforeAll, describe, expect, it } from "vitest";
import * as categoryRoute from "@/app/api/dashboard/categories/[id]/route";
import CategoryPage from "@/app/%5Ftenant/[host]/(store)/(shop)/categories/[slug]/page";
import OrderPage from "@/app/%5Ftenant/[host]/(store)/(shop)/orders/[id]/page";
import ProductPage from "@/app/%5Ftenant/[host]/(store)/(shop)/products/[slug]/page";
import type { CurrentUser } from "@/lib/identity/current-user";
import { DETECTION_RULES } from "@/lib/telemetry/detection-rules";
import { evaluateDetectionRules } from "@/lib/telemetry/detection";
import { flushSecurityEvents } from "@/lib/telemetry/security-events";
import { getDb, getTenantIds, type SeededTenantIds } from "../support/db";
import { loadActingUsers } from "../support/handler-call";
import { callHandler, loadMerchant } from "../support/merchant-calls";
import { runInRequestScope } from "../support/next-request-scope";
import { tagAsvs } from "@/security/asvs-ids";

// Issue 12: cross-tenant probing shows as ids a store does not have. A merchant of one store
// walking another store's product ids gets 404s — and each is a security event, which the
// "cross-tenant-probing" rule counts with refused roles.

let ids: SeededTenantIds;
let merchant: CurrentUser;
beforeAll(async () => {
  ids = await getTenantIds();
  merchant = await loadMerchant(ids.northwind);
});

describe("ids this store does not have", () => {
  it(`${tagAsvs("V11.1.7")} are answered 404 and recorded, until the probing raises one alert`, async () => {
    const db = await getDb();
    const since = new Date();
    const theirs = await db.category.findMany({ where: { tenantId: ids.lumen }, take: 3, select: { id: true } });
    const guesses = [...theirs.map((c) => c.id), "cl00000000000000000000000", "cm99999999999999999999999"];
    for (const id of guesses) {
      const answer = await callHandler(categoryRoute.PATCH, "PATCH", {
        host: "northwind.localhost",
        user: merchant,
        params: { id },
        json: { name: "Probe" },
      });
      expect(answer.status, id).toBe(404);
    }
    await flushSecurityEvents();
    const events = await db.securityEvent.findMany({ where: { type: "access.not_found", createdAt: { gte: since } } });
    expect(events).toHaveLength(guesses.length);
    // The account as every security event names it: its pseudonym, never the address.
    expect(events.every((e) => e.tenantId === ids.northwind && /^m…@northwind\.test#[0-9a-f]{12}$/.test(e.actor))).toBe(
      true,
    );
    expect(JSON.parse(events[0]!.details)).toEqual({ params: ["id"] });

    // Their own category is found and records nothing; a malformed id is a 400, not a miss.
    const own = await db.category.findFirstOrThrow({ where: { tenantId: ids.northwind } });
    const found = await callHandler(categoryRoute.PATCH, "PATCH", {
      host: "northwind.localhost",
      user: merchant,
      params: { id: own.id },
      json: { name: own.name },
    });
    expect(found.status).toBe(200);
    const malformed = await callHandler(categoryRoute.PATCH, "PATCH", {
      host: "northwind.localhost",
      user: merchant,
      params: { id: "x".repeat(41) },
      json: { name: "Probe" },
    });
    expect(malformed.status).toBe(400);
    await flushSecurityEvents();
    expect(await db.securityEvent.count({ where: { type: "access.not_found", createdAt: { gte: since } } })).toBe(
      guesses.length,
    );

    const { threshold } = DETECTION_RULES.find((r) => r.name === "cross-tenant-probing")!;
    expect(guesses.length).toBeGreaterThanOrEqual(threshold);
    await evaluateDetectionRules();
    const alerts = await db.securityAlert.findMany({
      where: { rule: "cross-tenant-probing", key: events[0]!.network },
    });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ tenantId: ids.northwind, eventCount: guesses.length });
  });

  it("from one account spread over networks, raise account-probing", async () => {
    const db = await getDb();
    const { threshold } = DETECTION_RULES.find((r) => r.name === "account-probing")!;
    const lumenCategories = await db.category.findMany({ where: { tenantId: ids.lumen }, select: { id: true } });
    // Below every network's threshold: a few misses from each of several networks.
    for (let i = 0; i < threshold; i++) {
      const answer = await callHandler(categoryRoute.PATCH, "PATCH", {
        host: "northwind.localhost",
        user: merchant,
        params: { id: lumenCategories[i % lumenCategories.length]?.id ?? `cl-guess-${i}` },
        json: { name: "Probe" },
        ip: `203.0.${60 + (i % 4)}.9`,
      });
      expect(answer.status).toBe(404);
    }
    await flushSecurityEvents();
    await evaluateDetectionRules();
    const alerts = await db.securityAlert.findMany({ where: { rule: "account-probing" } });
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.key).toMatch(/^m…@northwind\.test#[0-9a-f]{12}$/);
  });
});

describe("pages asked for what their store does not have", () => {
  const scope = (ip: string, extra: Record<string, string> = {}) =>
    new Headers({
      host: "northwind.localhost",
      "x-bulwark-peer-ip": ip,
      "user-agent": "python-requests/2.32",
      ...extra,
    });
  const notFoundBy = async (ip: string, user: unknown, render: () => Promise<unknown>, extra = {}) => {
    await expect(runInRequestScope(scope(ip, extra), user, render)).rejects.toThrow(
      /NEXT_HTTP_ERROR_FALLBACK;404|NEXT_NOT_FOUND/,
    );
    await flushSecurityEvents();
    return (await getDb()).securityEvent.findMany({ where: { ip }, orderBy: { createdAt: "asc" } });
  };

  it(`${tagAsvs("V11.1.7")} record a guessed product, category or order as an unserved path, which path-enumeration counts`, async () => {
    const params = (slug: string) => ({
      params: Promise.resolve({ host: "northwind.localhost", slug }),
      searchParams: Promise.resolve({}),
    });
    const product = await notFoundBy("198.51.106.1", null, () => ProductPage(params("no-such-product-7")));
    expect(product.map((e) => [e.type, e.route, e.tenantId])).toEqual([
      ["probe.not_found", "/products/[slug]", ids.northwind],
    ]);
    const category = await notFoundBy("198.51.106.2", null, () => CategoryPage(params("no-such-category")));
    expect(category.map((e) => [e.type, e.route])).toEqual([["probe.not_found", "/categories/[slug]"]]);
    const order = await notFoundBy("198.51.106.3", null, () =>
      OrderPage({
        params: Promise.resolve({ host: "northwind.localhost", id: "cl00000000000000000000000" }),
        searchParams: Promise.resolve({}),
      }),
    );
    expect(order.map((e) => [e.type, e.route])).toEqual([["probe.not_found", "/orders/[id]"]]);
    // Steered there by another site's page: counted apart, against nobody.
    const steered = await notFoundBy("198.51.106.4", null, () => ProductPage(params("no-such-product-8")), {
      "user-agent": "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36",
      "sec-fetch-site": "cross-site",
      "sec-fetch-mode": "navigate",
      "sec-fetch-dest": "document",
    });
    expect(steered.map((e) => e.type)).toEqual(["probe.cross_site"]);
  });

  it("record another shopper's order, asked for by a signed-in account, as an id miss of that account", async () => {
    const shopper = (await loadActingUsers()).shopper;
    const db = await getDb();
    const theirs = await db.order.findFirst({
      where: { tenantId: ids.northwind, NOT: { userId: shopper.id } },
      select: { id: true },
    });
    const events = await notFoundBy("198.51.106.5", shopper, () =>
      OrderPage({
        params: Promise.resolve({ host: "northwind.localhost", id: theirs?.id ?? "cl11111111111111111111111" }),
        searchParams: Promise.resolve({}),
      }),
    );
    expect(events.map((e) => e.type)).toEqual(["access.not_found"]);
    expect(events[0]!.actor).toMatch(/^s…@northwind\.test#[0-9a-f]{12}$/);
  });
});
