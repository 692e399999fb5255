import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { createHash, randomBytes } from "node:crypto";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { newClient, request, signIn, type Client } from "./support/http-session";
import { discoverRoutes } from "./support/route-tree";
import { tagAsvs } from "../security/asvs-ids";

// The isolation matrix. Every route and page that takes an id is discovered from the app's file
// tree (so a new one is covered without editing this file), then called by a merchant and a
// customer of store A (Northwind, on its own host) with every id of store B (Lumen): the answer
// must be a refusal, must not contain B's data, and must change none of B's rows.

const PORT = Number(process.env.E2E_PORT || 3100);
const SHOP = `http://localhost:${PORT}`;
const PASSWORD = "correct-horse-battery-staple";
type Pools = Record<string, string[]>;
type Marker = { ids: string[]; texts: string[] };

const e2eDb = () => new Database(path.resolve("data/e2e.db"));

/** Store B's ids by the dynamic segment names routes use, plus B's rows' fingerprint and markers. */
function loadStoreB(): { pools: Pools; markers: Marker; fingerprint: () => string } {
  const db = e2eDb();
  try {
    const tenant = db.prepare(`SELECT id FROM "Tenant" WHERE slug = 'lumen'`).get() as { id: string };
    const all = (sql: string) => db.prepare(sql).all(tenant.id) as Record<string, string>[];
    // B needs one of everything: an order, an uploaded image.
    const variant = all(`SELECT id, sku, productId FROM "Variant" WHERE tenantId = ? LIMIT 1`)[0]!;
    const orderId = `order-b-${randomBytes(6).toString("hex")}`;
    db.prepare(
      `INSERT INTO "Order" (id, tenantId, email, status, currency, subtotalMinor, totalMinor, createdAt, updatedAt) VALUES (?, ?, 'b-buyer@example.test', 'PAID', 'EUR', 1000, 1000, ?, ?)`,
    ).run(orderId, tenant.id, Date.now(), Date.now());
    db.prepare(
      `INSERT INTO "OrderItem" (id, tenantId, orderId, variantId, productTitle, variantTitle, sku, unitPriceMinor, quantity) VALUES (?, ?, ?, ?, 'B item', 'x', ?, 1000, 1)`,
    ).run(`item-${orderId}`, tenant.id, orderId, variant.id, variant.sku);
    // And a discount code of its own (the demo seed gives Lumen none).
    const codeId = `code-b-${randomBytes(6).toString("hex")}`;
    db.prepare(
      `INSERT INTO "DiscountCode" (id, tenantId, code, percentOff, active, createdAt) VALUES (?, ?, ?, 50, 1, ?)`,
    ).run(codeId, tenant.id, `BONLY${randomBytes(3).toString("hex").toUpperCase()}`, Date.now());
    const key = `${randomBytes(16).toString("hex")}.png`;
    mkdirSync(path.resolve("data/e2e-uploads"), { recursive: true });
    writeFileSync(
      path.resolve("data/e2e-uploads", key),
      Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex"),
    );
    db.prepare(
      `INSERT INTO "MediaFile" (id, tenantId, key, contentType, bytes, width, height, createdAt) VALUES (?, ?, ?, 'image/png', 29, 1, 1, ?)`,
    ).run(`media-${key}`, tenant.id, key, Date.now());
    db.prepare(
      `INSERT INTO "ProductImage" (id, tenantId, productId, path, alt, width, height, position) VALUES (?, ?, ?, ?, 'B upload', 1, 1, 9)`,
    ).run(`img-${key}`, tenant.id, variant.productId, `/media/${key}`);

    const products = all(`SELECT id, slug, title FROM "Product" WHERE tenantId = ? ORDER BY slug LIMIT 3`);
    const ids = [
      ...products.map((p) => p.id!),
      ...all(`SELECT id FROM "Variant" WHERE tenantId = ? LIMIT 3`).map((r) => r.id!),
      ...all(`SELECT id FROM "ProductImage" WHERE tenantId = ? LIMIT 2`).map((r) => r.id!),
      ...all(`SELECT id FROM "User" WHERE tenantId = ?`).map((r) => r.id!),
      ...all(`SELECT id FROM "Category" WHERE tenantId = ? LIMIT 1`).map((r) => r.id!),
      ...all(`SELECT id FROM "ShippingRate" WHERE tenantId = ? LIMIT 2`).map((r) => r.id!),
      codeId,
      orderId,
      `img-${key}`,
    ];
    const pools: Pools = {
      id: ids,
      slug: [
        ...products.map((p) => p.slug!),
        ...all(`SELECT slug FROM "Category" WHERE tenantId = ? LIMIT 2`).map((r) => r.slug!),
        "lumen",
      ],
      file: [key],
    };
    const markers: Marker = {
      ids: [...ids, tenant.id],
      texts: [...products.map((p) => p.title!), "b-buyer@example.test", "shopper@lumen.test", "merchant@lumen.test"],
    };
    const fingerprint = () => {
      const reader = e2eDb();
      try {
        const hash = createHash("sha256");
        for (const table of [
          "Product",
          "Variant",
          "ProductImage",
          "Category",
          "Order",
          "OrderItem",
          "User",
          "Cart",
          "CartItem",
          "MediaFile",
          "ShippingRate",
          "DiscountCode",
          "Tenant",
        ]) {
          const column = table === "Tenant" ? "id" : "tenantId";
          hash.update(
            JSON.stringify(reader.prepare(`SELECT * FROM "${table}" WHERE ${column} = ? ORDER BY id`).all(tenant.id)),
          );
        }
        return hash.digest("hex");
      } finally {
        reader.close();
      }
    };
    return { pools, markers, fingerprint };
  } finally {
    db.close();
  }
}

/** Bodies that pass each known route's validation, so the request reaches the id check. */
function bodyFor(template: string, id: string, method: string): Record<string, unknown> | FormData {
  if (template === "/api/dashboard/products/[id]/images") {
    const form = new FormData();
    form.set(
      "file",
      new File([Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489", "hex")], "x.png", {
        type: "image/png",
      }),
    );
    return form;
  }
  if (template === "/api/cart/items") return method === "DELETE" ? { variantId: id } : { variantId: id, quantity: 1 };
  if (template === "/api/dashboard/team/members/[id]") return method === "PATCH" ? { storeRole: "STAFF" } : {};
  // A DELETE carries nothing but the id in its path.
  if (method === "DELETE") return {};
  const bodies: Record<string, Record<string, unknown>> = {
    "/api/dashboard/products/[id]/variants": { sku: "HIJACK-1", title: "Hijack", priceMinor: 1, stock: 1 },
    "/api/dashboard/variants/[id]/adjustments": { delta: 100, reason: "hijack attempt" },
    "/api/dashboard/variants/[id]": { priceMinor: 1 },
    "/api/dashboard/products/[id]": { title: "Hijacked title" },
    "/api/dashboard/categories/[id]": { name: "Hijacked category" },
    "/api/admin/users/[id]": { disabled: true },
    "/api/admin/tenants/[slug]": { status: "SUSPENDED" },
    "/api/admin/tenants/[slug]/domains": { host: "hijack.localhost" },
    "/api/admin/tenants/[slug]/mail": { mailSenderName: "Hijack", mailReplyTo: "" },
    "/api/admin/tenants/[slug]/invitations": { email: "hijack@example.test" },
    "/api/dashboard/orders/[id]/fulfil": { carrier: "UPS", trackingNumber: "1Z999AA10123456784" },
    "/api/dashboard/orders/[id]/refund": { amount: "1.00" },
    "/api/dashboard/discounts/[id]": { active: false },
  };
  return bodies[template] ?? {};
}

// Routes that take ids in their body rather than their path.
const BODY_ID_ROUTES = ["/api/cart/items"];
// Routes not about stored ids, or authenticated by other means (signatures, internal HMAC).
const OUT_OF_SCOPE = [
  "/api/auth/[...nextauth]",
  "/[...rest]",
  "/api/webhooks/stripe",
  "/api/session/refresh",
  "/api/internal/security-events",
  // Names one of three fixed policy kinds, not a stored id: each store answers with its own text.
  "/policies/[kind]",
];

test(`${tagAsvs("V4.1.5", "V4.2.1", "V13.1.4")} no route or page of store A yields, or changes, anything of store B`, async () => {
  test.setTimeout(180_000);
  const { pools, markers, fingerprint } = loadStoreB();
  const before = fingerprint();
  const routes = discoverRoutes().filter((r) => !OUT_OF_SCOPE.includes(r.template));
  const withIds = routes.filter((r) => /\[(\w+)\]/.test(r.template) || BODY_ID_ROUTES.includes(r.template));
  expect(withIds.length, "routes that take an id").toBeGreaterThan(10);

  const principals: [string, Client][] = [];
  for (const email of ["merchant@northwind.test", "shopper@northwind.test"]) {
    const { client, response } = await signIn(SHOP, email, PASSWORD, newClient());
    expect(response.status, `sign-in ${email}`).toBe(200);
    principals.push([email, client]);
  }

  let checked = 0;
  let sent = 0;
  for (const route of withIds) {
    const segments = [...route.template.matchAll(/\[(\w+)\]/g)].map((m) => m[1]!);
    for (const segment of segments)
      expect(pools[segment], `no ids of B for segment [${segment}] in ${route.file}`).toBeDefined();
    const values = segments.length ? pools[segments[0]!]! : pools.id!;
    for (const value of values) {
      const url = segments.length
        ? route.template.replace(/\[(\w+)\]/g, (_, name: string) => (name === segments[0] ? value : pools[name]![0]!))
        : route.template;
      for (const method of route.methods) {
        for (const [who, client] of principals) {
          const payload = method === "GET" ? null : bodyFor(route.template, value, method);
          const init: RequestInit =
            payload === null
              ? {}
              : payload instanceof FormData
                ? { method, body: payload }
                : { method, headers: { "content-type": "application/json" }, body: JSON.stringify(payload) };
          // Each request from the next address of a /24 per principal that no other test uses
          // (the attack simulation beside this sweep gets whole networks contained): the sweep
          // sends more a minute than any limit allows one address, and what is tested is the id check.
          client.ip = `100.77.${principals.findIndex(([name]) => name === who) + 1}.${(sent++ % 250) + 1}`;
          const response = await request(SHOP, url, client, init);
          const label = `${who} ${method} ${url} (${route.file})`;
          const allowed =
            route.kind === "page" || segments.length > 0 || BODY_ID_ROUTES.includes(route.template)
              ? [403, 404]
              : [400, 403, 404];
          expect(allowed, `${label} answered ${response.status}`).toContain(response.status);
          const body = await response.text();
          // The id asked for may be echoed back (a 404 page names its URL); nothing else of B may appear.
          const leaks = [...markers.ids, ...markers.texts].filter(
            (marker) => !url.includes(marker) && body.includes(marker),
          );
          expect(leaks, `${label} leaked`).toEqual([]);
          checked += 1;
        }
      }
    }
  }
  expect(checked).toBeGreaterThan(100);
  expect(fingerprint(), "store B's rows changed").toBe(before);
});
