import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDiscountCode } from "@/lib/checkout/discount-codes";
import {
  archiveShippingRate,
  createShippingRate,
  MAX_ACTIVE_RATES,
  updateShipping,
} from "@/lib/checkout/shipping-options";
import { startCheckout } from "@/lib/checkout/start-checkout";
import { getTenantDb } from "@/lib/db";
import { fulfilOrder } from "@/lib/orders/manage-orders";
import { flushSecurityEvents } from "@/lib/telemetry/security-events";
import { findTenantByHost, type TenantDto } from "@/lib/tenancy";
import { DEMO_TAX_RATES, TEST_PAYMENT_FORM } from "@/scripts/stripe-emulator/checkout-extras";
import type { StripeEmulator } from "@/scripts/stripe-emulator/server";
import { checkoutFixtures, ORIGIN, orderOf, paid, sessionEvent, stockOf } from "../support/checkout-fixtures";
import { getDb } from "../support/db";
import { handleStripeWebhook, signedWebhook, useStripeEmulator } from "../support/stripe";

// Addresses, shipping, tax and discount codes through Stripe Checkout: what the emulator's page
// collects is recorded from the verified webhook, and a payload whose parts do not add up, or
// that names another store's rate or a discount the checkout never offered, pays nothing out.

let emulator: StripeEmulator;
let northwind: TenantDto;
let lumen: TenantDto;

beforeAll(async () => {
  emulator = await useStripeEmulator();
  northwind = (await findTenantByHost("localhost"))!;
  lumen = (await findTenantByHost("lumen.localhost"))!;
});

afterAll(async () => {
  await emulator?.close();
});

const northwindCarts = checkoutFixtures(
  () => northwind,
  () => emulator,
);
const lumenCarts = checkoutFixtures(
  () => lumen,
  () => emulator,
);
const actorOf = (tenant: TenantDto) => ({ id: "owner-test", email: "owner@test", tenantId: tenant.id });

/** Pays on the emulator's hosted page with the form given; returns where it redirected. */
async function payOnPage(sessionUrl: string, form: Record<string, string>) {
  const response = await fetch(`${sessionUrl}/pay`, {
    method: "POST",
    body: new URLSearchParams(form),
    redirect: "manual",
  });
  return { status: response.status, location: response.headers.get("location"), body: await response.text() };
}

const deliver = async (type: string, session: object) =>
  handleStripeWebhook(signedWebhook(sessionEvent(type, session)));

async function rateNamed(tenant: TenantDto, name: string) {
  const db = await getTenantDb(tenant.id);
  return db.shippingRate.findFirstOrThrow({ where: { name, active: true } });
}

describe("a checkout with an address, a shipping option, Stripe Tax and a discount code", () => {
  it("records from the verified payment what the page collected, and the parts add up to what was charged", async () => {
    const { order, session, variant } = await northwindCarts.checkout(2, 9, 40);
    // No code on this one: the discount comes next.
    expect(session.amount_total).toBe(variant.priceMinor * 2);
    const express = await rateNamed(northwind, "Express");
    const paidPage = await payOnPage(session.url!, {
      ...TEST_PAYMENT_FORM,
      shipping_rate: express.stripeShippingRateId!,
    });
    expect(paidPage.status).toBe(303);
    const completed = emulator.sessions.get(session.id)!;
    expect(await (await deliver("checkout.session.completed", completed)).json()).toMatchObject({ received: true });

    const subtotal = variant.priceMinor * 2;
    const tax = Math.round((subtotal * DEMO_TAX_RATES.US!) / 100) + Math.round((1800 * DEMO_TAX_RATES.US!) / 100);
    const recorded = await orderOf(order.id);
    expect(recorded).toMatchObject({
      status: "PAID",
      subtotalMinor: subtotal,
      shippingMinor: 1800,
      shippingMethod: "Express",
      shippingRateId: express.id,
      taxMinor: tax,
      discountMinor: 0,
      totalMinor: subtotal + 1800 + tax,
      shippingPhone: TEST_PAYMENT_FORM.phone,
      flaggedReason: null,
    });
    expect(JSON.parse(recorded.shippingAddress!)).toMatchObject({
      name: "Robin Tester",
      line1: "1 Test Street",
      city: "Portland",
      postalCode: "97201",
      country: "US",
    });
    const db = await getDb();
    const mail = await db.outboundEmail.findFirstOrThrow({
      where: { tenantId: northwind.id, subject: { contains: order.id.slice(-8).toUpperCase() } },
    });
    expect(mail.text).toContain("Shipping (Express): $18.00");
    expect(mail.text).toContain("1 Test Street");
    expect(mail.text).toContain("What happens next");
  });

  it("takes a store's own code off the items (not shipping), and records the code", async () => {
    const { owner, variant } = await northwindCarts.cartWith(1, 9, 41);
    const { orderId } = await startCheckout(northwind, null, owner, ORIGIN, undefined, " welcome10 ");
    const order = await orderOf(orderId);
    expect(order).toMatchObject({ discountCode: "WELCOME10" });
    const session = emulator.sessions.get(order.stripeCheckoutSessionId!)!;
    const discount = Math.round(variant.priceMinor * 0.1);
    expect(session.amount_total).toBe(variant.priceMinor - discount);
    await payOnPage(session.url!, TEST_PAYMENT_FORM);
    await deliver("checkout.session.completed", emulator.sessions.get(session.id)!);
    const recorded = await orderOf(orderId);
    const tax = Math.round(((variant.priceMinor - discount) * 8) / 100) + Math.round((600 * 8) / 100);
    expect(recorded).toMatchObject({
      status: "PAID",
      discountMinor: discount,
      shippingMinor: 600,
      shippingMethod: "Standard",
      taxMinor: tax,
      totalMinor: variant.priceMinor - discount + 600 + tax,
    });
  });

  it("refuses, with one answer and nothing held, a code that is another store's, unknown, switched off, expired or in another currency", async () => {
    const db = await getDb();
    await createDiscountCode(await getTenantDb(lumen.id), actorOf(lumen), {
      code: "LUMENONLY",
      kind: "percent",
      value: "50",
    });
    await createDiscountCode(await getTenantDb(northwind.id), actorOf(northwind), {
      code: "OFFNOW",
      kind: "percent",
      value: "20",
    });
    await db.discountCode.updateMany({ where: { code: "OFFNOW" }, data: { active: false } });
    await createDiscountCode(await getTenantDb(northwind.id), actorOf(northwind), {
      code: "OLDCODE",
      kind: "percent",
      value: "20",
    });
    await db.discountCode.updateMany({ where: { code: "OLDCODE" }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await createDiscountCode(await getTenantDb(northwind.id), actorOf(northwind), {
      code: "FIVEOFF",
      kind: "amount",
      value: "5",
    });
    await db.discountCode.updateMany({ where: { code: "FIVEOFF" }, data: { currency: "EUR" } });

    const { owner, variant } = await northwindCarts.cartWith(1, 5, 42);
    const before = await db.order.count();
    const client = { ip: "198.51.100.77", userAgent: "vitest", route: "api.checkout.start" };
    const answers = new Set<string>();
    for (const code of [
      "LUMENONLY",
      "NOSUCHCODE",
      "OFFNOW",
      "OLDCODE",
      "FIVEOFF",
      "x",
      "WELCOME10\u0000",
      "A".repeat(300),
    ]) {
      const error = await startCheckout(northwind, null, owner, ORIGIN, client, code).catch((e: unknown) => e);
      expect(error, code).toMatchObject({ status: 422 });
      answers.add((error as Error).message);
    }
    expect(answers.size).toBe(1);
    expect(await db.order.count()).toBe(before);
    expect(await stockOf(variant.id)).toBe(5);
    // The shopper is told nothing; the security log says why each was refused.
    await flushSecurityEvents();
    const logged = await db.securityEvent.findMany({ where: { type: "checkout.discount_refused", ip: client.ip } });
    expect(logged.map((event) => (JSON.parse(event.details) as { reason: string }).reason).sort()).toEqual([
      "expired",
      "malformed",
      "malformed",
      "malformed",
      "other_currency",
      "switched_off",
      "unknown",
      "unknown",
    ]);
    expect(logged.every((event) => event.tenantId === northwind.id && event.severity === "WARNING")).toBe(true);
  });

  it("refuses a checkout (nothing written, nothing held) while the store ships nowhere or has no option in its currency", async () => {
    const db = await getDb();
    const lumenDb = await getTenantDb(lumen.id);
    const { owner, variant } = await lumenCarts.cartWith(1, 4, 43);
    const before = await db.order.count({ where: { tenantId: lumen.id } });
    await updateShipping(lumenDb, actorOf(lumen), { countries: [] });
    try {
      await expect(startCheckout(lumen, null, owner, ORIGIN)).rejects.toMatchObject({ status: 409 });
    } finally {
      await updateShipping(lumenDb, actorOf(lumen), { countries: ["DE", "FR", "NL"] });
    }
    const rates = await lumenDb.shippingRate.findMany({ where: { active: true } });
    await lumenDb.shippingRate.updateMany({ data: { currency: "USD" } });
    try {
      await expect(startCheckout(lumen, null, owner, ORIGIN)).rejects.toMatchObject({ status: 409 });
    } finally {
      for (const rate of rates)
        await lumenDb.shippingRate.updateMany({ where: { id: rate.id }, data: { currency: "EUR" } });
    }
    expect(await db.order.count({ where: { tenantId: lumen.id } })).toBe(before);
    expect(await stockOf(variant.id)).toBe(4);

    // The page only takes an address in a country the store ships to.
    const { session } = await lumenCarts.checkoutCart(owner);
    const outside = await payOnPage(session.url!, { ...TEST_PAYMENT_FORM });
    expect(outside.status).toBe(200);
    expect(outside.body).toContain("Choose a country this store ships to.");
    expect(emulator.sessions.get(session.id)!.status).toBe("open");
  });
});

describe("a paid session whose parts do not check out is flagged, not fulfilled", () => {
  async function paidSession(skip: number) {
    const { order, session } = await northwindCarts.checkout(1, 5, skip);
    return { order, session: paid(session) as unknown as Record<string, unknown> };
  }

  it.each([
    [
      "another store's shipping rate",
      async (s: Record<string, unknown>) => {
        const rate = await rateNamed(lumen, "Standard");
        const stripeId = rate.stripeShippingRateId ?? "shr_test_lumen";
        await (
          await getDb()
        ).shippingRate.updateMany({ where: { id: rate.id }, data: { stripeShippingRateId: stripeId } });
        return withShipping(s, stripeId, rate.amountMinor);
      },
    ],
    [
      "this store's rate at another price",
      async (s: Record<string, unknown>) => {
        const rate = await rateNamed(northwind, "Express");
        return withShipping(s, rate.stripeShippingRateId!, 1);
      },
    ],
    [
      "a discount the checkout did not offer",
      async (s: Record<string, unknown>) => ({
        ...s,
        amount_total: (s.amount_subtotal as number) - 100,
        total_details: { amount_discount: 100, amount_shipping: 0, amount_tax: 0 },
        discounts: [{ coupon: "coupon_test_forged", promotion_code: null }],
      }),
    ],
    [
      "tax on a checkout without Stripe Tax",
      async (s: Record<string, unknown>) => ({
        ...s,
        amount_total: (s.amount_subtotal as number) + 50,
        total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 50 },
      }),
      false,
    ],
    [
      "a total that is not the sum of its parts",
      async (s: Record<string, unknown>) => ({ ...s, amount_total: (s.amount_subtotal as number) + 1 }),
    ],
    [
      "items charged at another price",
      async (s: Record<string, unknown>) => ({ ...s, amount_subtotal: 1, amount_total: 1 }),
    ],
  ])("%s", async (_label, forge, taxOn = true) => {
    const { order, session } = await paidSession(44);
    if (!taxOn) await (await getDb()).order.update({ where: { id: order.id }, data: { automaticTax: false } });
    const response = await deliver("checkout.session.completed", await forge(session));
    expect(response.status).toBe(200);
    const recorded = await orderOf(order.id);
    expect(recorded.status).toBe("PENDING");
    expect(recorded.flaggedReason).toMatch(/^amount mismatch: .*refund needed$/);
    expect(recorded.shippingAddress).toBeNull();
  });
});

function withShipping(session: Record<string, unknown>, stripeRateId: string, amount: number) {
  return {
    ...session,
    amount_total: (session.amount_subtotal as number) + amount,
    total_details: { amount_discount: 0, amount_shipping: amount, amount_tax: 0 },
    shipping_cost: { amount_subtotal: amount, amount_tax: 0, amount_total: amount, shipping_rate: stripeRateId },
  };
}

describe("the merchant's shipping settings", () => {
  it("keeps at most five active options, even when ten are added at once", async () => {
    const db = await getTenantDb(lumen.id);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, (_, i) =>
        createShippingRate(db, actorOf(lumen), { name: `Parallel ${i}`, amount: "3.50" }),
      ),
    );
    expect(await db.shippingRate.count({ where: { active: true, currency: "EUR" } })).toBe(MAX_ACTIVE_RATES);
    for (const failure of results.filter((r) => r.status === "rejected"))
      expect((failure as PromiseRejectedResult).reason).toMatchObject({ status: 409 });
    for (const rate of await db.shippingRate.findMany({ where: { name: { startsWith: "Parallel" } } }))
      await archiveShippingRate(db, actorOf(lumen), { id: rate.id });
  });

  it("creates a rate's Stripe object once, and again when Stripe no longer knows the kept id", async () => {
    const db = await getDb();
    await db.shippingRate.updateMany({
      where: { tenantId: northwind.id, active: true },
      data: { stripeShippingRateId: null },
    });
    const carts = await Promise.all([0, 1, 2, 3].map(() => northwindCarts.cartWith(1, 50, 45)));
    await Promise.all(carts.map(({ owner }) => startCheckout(northwind, null, owner, ORIGIN)));
    const kept = await db.shippingRate.findMany({ where: { tenantId: northwind.id, active: true } });
    expect(kept.every((rate) => rate.stripeShippingRateId?.startsWith("shr_"))).toBe(true);

    // As if the Stripe account changed (or the emulator restarted): the kept ids are unknown there.
    for (const rate of kept)
      await db.shippingRate.update({
        where: { id: rate.id },
        data: { stripeShippingRateId: `shr_test_gone_${rate.id}` },
      });
    const { owner } = await northwindCarts.cartWith(1, 50, 45);
    const { orderId } = await startCheckout(northwind, null, owner, ORIGIN);
    expect((await orderOf(orderId)).stripeCheckoutSessionId).toMatch(/^cs_/);
    const renewed = await db.shippingRate.findMany({ where: { tenantId: northwind.id, active: true } });
    expect(
      renewed.every(
        (rate) => rate.stripeShippingRateId?.startsWith("shr_test_") && !rate.stripeShippingRateId.includes("gone"),
      ),
    ).toBe(true);
  });

  it("lets no order name another store's rate or code, whatever the code above the database does", async () => {
    const { order } = await northwindCarts.checkout(1, 5, 47);
    const db = await getDb();
    const lumenRate = await rateNamed(lumen, "Standard");
    const { id: lumenCodeId } = await createDiscountCode(await getTenantDb(lumen.id), actorOf(lumen), {
      code: "LUMENKEYS",
      kind: "percent",
      value: "5",
    });
    await expect(
      db.order.update({ where: { id: order.id }, data: { shippingRateId: lumenRate.id } }),
    ).rejects.toThrow();
    await expect(db.order.update({ where: { id: order.id }, data: { discountCodeId: lumenCodeId } })).rejects.toThrow();
    const own = await rateNamed(northwind, "Standard");
    await db.order.update({ where: { id: order.id }, data: { shippingRateId: own.id } });
    expect((await orderOf(order.id)).shippingRateId).toBe(own.id);
  });

  it("ships only an order that has an address", async () => {
    const { order, session } = await northwindCarts.checkout(1, 5, 46);
    await deliver("checkout.session.completed", { ...paid(session), collected_information: null });
    expect((await orderOf(order.id)).status).toBe("PAID");
    await expect(
      fulfilOrder(await getTenantDb(northwind.id), actorOf(northwind), {
        id: order.id,
        carrier: "UPS",
        carrierName: null,
        trackingNumber: "1Z999AA10123456784",
      }),
    ).rejects.toMatchObject({ status: 409, message: expect.stringContaining("no shipping address") });
    expect((await orderOf(order.id)).status).toBe("PAID");
  });
});
