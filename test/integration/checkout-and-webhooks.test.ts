import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeCartLine, readCart, type CartOwner } from "@/lib/cart/cart-store";
import { releaseExpiredReservations, reserveStock } from "@/lib/checkout/reservations";
import { HOLD_CAP } from "@/lib/checkout/hold-cap";
import { startCheckout } from "@/lib/checkout/start-checkout";
import { DomainError } from "@/lib/security/domain-error";
import { SIGNATURE_TOLERANCE_SECONDS } from "@/lib/payments/webhook-signature";
import { flushAggregatedSecurityEvents } from "@/lib/telemetry/aggregate-events";
import { findTenantByHost, type TenantDto } from "@/lib/tenancy";
import type { StripeEmulator } from "@/scripts/stripe-emulator/server";
import { getDb } from "../support/db";
import { checkoutFixtures, ORIGIN, orderOf, paid, sessionEvent, stockOf } from "../support/checkout-fixtures";
import { eventId, handleStripeWebhook, signedWebhook, useStripeEmulator } from "../support/stripe";
import { tagAsvs } from "@/security/asvs-ids";

let emulator: StripeEmulator;
let northwind: TenantDto;

beforeAll(async () => {
  emulator = await useStripeEmulator();
  northwind = (await findTenantByHost("localhost"))!;
});

afterAll(async () => {
  await emulator?.close();
});

const { newGuest, cartWith, cartWithLines, checkout } = checkoutFixtures(
  () => northwind,
  () => emulator,
);

describe("checkout", () => {
  it("snapshots the cart into a PENDING order, holds the stock and opens a Stripe session for exactly that order", async () => {
    const { variant, order, session } = await checkout(2, 7);
    expect(order).toMatchObject({ status: "PENDING", totalMinor: variant.priceMinor * 2, currency: "USD" });
    expect(order.items).toEqual([
      expect.objectContaining({ sku: variant.sku, unitPriceMinor: variant.priceMinor, quantity: 2 }),
    ]);
    expect(order.reservations).toEqual([
      expect.objectContaining({ variantId: variant.id, quantity: 2, status: "HELD" }),
    ]);
    expect(await stockOf(variant.id)).toBe(5);
    expect(session).toMatchObject({
      amount_total: variant.priceMinor * 2,
      currency: "usd",
      client_reference_id: order.id,
      status: "open",
    });
    expect(session.metadata.orderId).toBe(order.id);
    expect(session.success_url).toContain(`/orders/${order.id}?t=`);
  });

  it("refuses an empty cart and a cart whose stock is gone", async () => {
    await expect(startCheckout(northwind, null, newGuest(), ORIGIN)).rejects.toMatchObject({ status: 409 });
    const { owner, variant } = await cartWith(2, 5, 1);
    const db = await getDb();
    await db.variant.update({ where: { id: variant.id }, data: { stock: 1 } });
    await expect(startCheckout(northwind, null, owner, ORIGIN)).rejects.toBeInstanceOf(DomainError);
    expect(await db.order.count({ where: { items: { some: { variantId: variant.id } }, status: "PENDING" } })).toBe(0);
  });

  it(`${tagAsvs("V11.1.6")} 200 concurrent checkouts for a variant with 10 in stock: exactly 10 reservations, never below zero`, async () => {
    const { variant } = await cartWith(1, 10, 2);
    const owners: CartOwner[] = [];
    for (let i = 0; i < 200; i++) {
      const owner = newGuest();
      await changeCartLine(northwind, owner, { variantId: variant.id, quantity: 1, mode: "add" });
      owners.push(owner);
    }
    const db = await getDb();
    await db.variant.update({ where: { id: variant.id }, data: { stock: 10 } });
    const results = await Promise.allSettled(owners.map((owner) => startCheckout(northwind, null, owner, ORIGIN)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(10);
    for (const failure of results.filter((r) => r.status === "rejected"))
      expect((failure as PromiseRejectedResult).reason).toBeInstanceOf(DomainError);
    expect(await stockOf(variant.id)).toBe(0);
    expect(await db.stockReservation.count({ where: { variantId: variant.id, status: "HELD" } })).toBe(10);
  }, 60_000);

  it(`${tagAsvs("V11.1.3")} caps what one client holds unpaid: three open checkouts, 25 units; others and the cap's edge unaffected`, async () => {
    const client = { ip: "198.51.100.23", userAgent: "vitest", route: "api.checkout.start" };
    const db = await getDb();
    const since = new Date();
    // 20 parallel checkouts from one address: the cap is checked inside the transaction.
    const carts = await Promise.all(Array.from({ length: 20 }, (_, i) => cartWith(1, 50, 20 + (i % 5))));
    const results = await Promise.allSettled(
      carts.map(({ owner }) => startCheckout(northwind, null, owner, ORIGIN, client)),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(HOLD_CAP.openCheckouts);
    for (const failure of results.filter((r) => r.status === "rejected")) {
      expect((failure as PromiseRejectedResult).reason).toMatchObject({ status: 429 });
    }
    expect(await db.order.count({ where: { clientKey: "198.51.100.23", status: "PENDING" } })).toBe(3);
    const refusals = await db.securityEvent.count({
      where: { type: "checkout.hold_refused", createdAt: { gte: since } },
    });
    expect(refusals).toBe(17);
    // Another address in the same network is another client.
    const neighbour = await cartWith(1, 50, 26);
    await expect(
      startCheckout(northwind, null, neighbour.owner, ORIGIN, { ...client, ip: "198.51.100.24" }),
    ).resolves.toMatchObject({ orderId: expect.any(String) });
    // Units count too: one checkout of 26 units is over the cap on its own.
    const bulk = await cartWithLines([
      { skip: 27, quantity: 9, stock: 100 },
      { skip: 28, quantity: 9, stock: 100 },
      { skip: 29, quantity: HOLD_CAP.units - 17, stock: 100 },
    ]);
    await expect(
      startCheckout(northwind, null, bulk.owner, ORIGIN, { ...client, ip: "203.0.113.200" }),
    ).rejects.toMatchObject({ status: 429 });
    const justUnder = await cartWithLines([
      { skip: 30, quantity: 9, stock: 100 },
      { skip: 31, quantity: 9, stock: 100 },
      { skip: 32, quantity: HOLD_CAP.units - 18, stock: 100 },
    ]);
    await expect(
      startCheckout(northwind, null, justUnder.owner, ORIGIN, { ...client, ip: "203.0.113.201" }),
    ).resolves.toMatchObject({ orderId: expect.any(String) });
  }, 60_000);

  it("a crash between reserving and creating the session leaves nothing reserved for ever", async () => {
    const { variant } = await cartWith(1, 4, 3);
    const db = await getDb();
    const soon = new Date(Date.now() + 60_000);
    const order = await db.$transaction(async (tx) => {
      const created = await tx.order.create({
        data: { tenantId: northwind.id, currency: "USD", subtotalMinor: 1, totalMinor: 1 },
      });
      await reserveStock(tx, created, [{ variantId: variant.id, sku: variant.sku, quantity: 3 }], soon);
      return created;
    });
    // …and the process dies here: no Stripe session, no webhook will ever come.
    expect(await stockOf(variant.id)).toBe(1);
    expect(await releaseExpiredReservations(new Date(Date.now() + 30_000))).toBe(0);
    expect(await releaseExpiredReservations(new Date(soon.getTime() + 1))).toBe(3);
    expect(await stockOf(variant.id)).toBe(4);
    expect((await orderOf(order.id)).status).toBe("EXPIRED");
    expect(await releaseExpiredReservations(new Date(soon.getTime() + 2))).toBe(0);
  });
});

describe("Stripe webhook", () => {
  it("applies a verified completed payment: PAID, stock committed, cart emptied, confirmation queued", async () => {
    const { owner, variant, order, session } = await checkout(1, 3, 4);
    const response = await handleStripeWebhook(
      signedWebhook(sessionEvent("checkout.session.completed", paid(session))),
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ received: true, outcome: "paid" });
    const after = await orderOf(order.id);
    expect(after).toMatchObject({ status: "PAID", email: "buyer@example.test" });
    expect(after.reservations.map((r) => r.status)).toEqual(["COMMITTED"]);
    expect(await stockOf(variant.id)).toBe(2);
    expect((await readCart(northwind, owner)).lines).toHaveLength(0);
    const db = await getDb();
    expect(
      await db.outboundEmail.count({ where: { to: "buyer@example.test", subject: { contains: "is confirmed" } } }),
    ).toBeGreaterThanOrEqual(1);
  });

  it(`${tagAsvs("V13.2.6")} refuses a wrong secret, a tampered body, a missing signature and a replay older than 300 s`, async () => {
    const { order, session } = await checkout(1, 3, 5);
    const event = sessionEvent("checkout.session.completed", paid(session));
    const db = await getDb();
    const before = await db.securityEvent.count({ where: { type: "webhook.signature_invalid" } });
    const attempts = [
      signedWebhook(event, { secret: "whsec_wrongsecret" }),
      signedWebhook(event, {
        tamper: (payload) => payload.replace(`"amount_total":${session.amount_total}`, '"amount_total":1'),
      }),
      signedWebhook(event, { timestamp: Math.floor(Date.now() / 1000) - SIGNATURE_TOLERANCE_SECONDS - 5 }),
      new Request("http://localhost/api/webhooks/stripe", { method: "POST", body: JSON.stringify(event) }),
    ];
    for (const [index, request] of attempts.entries())
      expect((await handleStripeWebhook(request)).status, `attempt ${index}`).toBe(400);
    // One client's failures are one event per window, with their count (not one row each).
    await flushAggregatedSecurityEvents();
    const rows = await db.securityEvent.findMany({
      where: { type: "webhook.signature_invalid" },
      orderBy: { createdAt: "desc" },
    });
    expect(rows).toHaveLength(before + 1);
    expect(JSON.parse(rows[0]!.details)).toMatchObject({ count: 4 });
    expect((await orderOf(order.id)).status).toBe("PENDING");
  });

  it("applies a duplicated event once, even ten deliveries at a time", async () => {
    const { variant, order, session } = await checkout(2, 6, 6);
    const event = sessionEvent("checkout.session.completed", paid(session));
    const responses = await Promise.all(Array.from({ length: 10 }, () => handleStripeWebhook(signedWebhook(event))));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    const outcomes = await Promise.all(responses.map(async (r) => ((await r.json()) as { outcome: string }).outcome));
    expect(outcomes.filter((o) => o === "paid")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(9);
    const db = await getDb();
    expect(await db.webhookEvent.count({ where: { id: event.id } })).toBe(1);
    expect(await stockOf(variant.id)).toBe(4);
    expect((await orderOf(order.id)).status).toBe("PAID");
  });

  it("does not let a late expiry undo a payment", async () => {
    const { variant, order, session } = await checkout(1, 2, 7);
    await handleStripeWebhook(signedWebhook(sessionEvent("checkout.session.completed", paid(session))));
    const late = await handleStripeWebhook(
      signedWebhook(sessionEvent("checkout.session.expired", session, { status: "expired" })),
    );
    expect(await late.json()).toMatchObject({ outcome: "ignored_paid" });
    expect((await orderOf(order.id)).status).toBe("PAID");
    expect(await stockOf(variant.id)).toBe(1);
  });

  it("takes a payment completed after the order expired, re-committing the stock, or flags it when the stock is gone", async () => {
    const first = await checkout(1, 5, 8);
    await handleStripeWebhook(
      signedWebhook(sessionEvent("checkout.session.expired", first.session, { status: "expired" })),
    );
    expect((await orderOf(first.order.id)).status).toBe("EXPIRED");
    expect(await stockOf(first.variant.id)).toBe(5);
    await handleStripeWebhook(signedWebhook(sessionEvent("checkout.session.completed", paid(first.session))));
    expect((await orderOf(first.order.id)).status).toBe("PAID");
    expect(await stockOf(first.variant.id)).toBe(4);

    const second = await checkout(1, 1, 9);
    await handleStripeWebhook(
      signedWebhook(sessionEvent("checkout.session.expired", second.session, { status: "expired" })),
    );
    const db = await getDb();
    await db.variant.update({ where: { id: second.variant.id }, data: { stock: 0 } });
    const response = await handleStripeWebhook(
      signedWebhook(sessionEvent("checkout.session.completed", paid(second.session))),
    );
    expect(await response.json()).toMatchObject({ outcome: "flagged_unfulfillable" });
    const flagged = await orderOf(second.order.id);
    expect(flagged.status).toBe("EXPIRED");
    expect(flagged.flaggedReason).toMatch(/refund needed/);
    expect(await stockOf(second.variant.id)).toBe(0);
  });

  it(`${tagAsvs("V11.1.5")} flags an amount that differs from our order instead of marking it paid`, async () => {
    const { variant, order, session } = await checkout(1, 3, 10);
    const response = await handleStripeWebhook(
      signedWebhook(sessionEvent("checkout.session.completed", paid(session), { amount_total: 1 })),
    );
    expect(await response.json()).toMatchObject({ outcome: "flagged_amount_mismatch" });
    const after = await orderOf(order.id);
    expect(after.status).toBe("PENDING");
    expect(after.flaggedReason).toMatch(/amount mismatch/);
    expect(await stockOf(variant.id)).toBe(2);
    const db = await getDb();
    expect(
      await db.securityEvent.count({ where: { type: "payment.amount_mismatch", severity: "CRITICAL" } }),
    ).toBeGreaterThanOrEqual(1);
  });

  it("waits for asynchronous payments, and releases the stock when they fail", async () => {
    const { variant, order, session } = await checkout(1, 3, 11);
    const pending = await handleStripeWebhook(
      signedWebhook(
        sessionEvent("checkout.session.completed", { ...session, status: "complete", payment_status: "unpaid" }),
      ),
    );
    expect(await pending.json()).toMatchObject({ outcome: "awaiting_async_payment" });
    expect((await orderOf(order.id)).status).toBe("PENDING");
    await handleStripeWebhook(signedWebhook(sessionEvent("checkout.session.async_payment_failed", session)));
    expect((await orderOf(order.id)).status).toBe("CANCELLED");
    expect(await stockOf(variant.id)).toBe(3);
  });

  it("marks a fully refunded charge REFUNDED", async () => {
    const { order, session } = await checkout(1, 3, 12);
    const completed = paid(session);
    await handleStripeWebhook(signedWebhook(sessionEvent("checkout.session.completed", completed)));
    const charge = {
      id: "ch_test_1",
      object: "charge",
      payment_intent: completed.payment_intent,
      amount: session.amount_total,
      amount_refunded: session.amount_total,
      refunded: true,
    };
    const response = await handleStripeWebhook(
      signedWebhook({ id: eventId(), type: "charge.refunded", data: { object: charge } }),
    );
    expect(await response.json()).toMatchObject({ outcome: "refunded" });
    expect((await orderOf(order.id)).status).toBe("REFUNDED");
  });

  it("acknowledges event types it does not handle, and unknown sessions", async () => {
    expect(
      await (
        await handleStripeWebhook(signedWebhook({ id: eventId(), type: "customer.created", data: { object: {} } }))
      ).json(),
    ).toMatchObject({ outcome: "ignored_type" });
    const stranger = {
      id: "cs_test_unknown",
      object: "checkout.session",
      amount_total: 1,
      currency: "usd",
      payment_status: "paid",
    };
    expect(
      await (await handleStripeWebhook(signedWebhook(sessionEvent("checkout.session.completed", stranger)))).json(),
    ).toMatchObject({ outcome: "unknown_order" });
  });

  it("releases the hold at once when Stripe cannot be reached", async () => {
    const { owner, variant } = await cartWith(1, 3, 13);
    await emulator.close();
    await expect(startCheckout(northwind, null, owner, ORIGIN)).rejects.toMatchObject({ status: 502 });
    expect(await stockOf(variant.id)).toBe(3);
    const db = await getDb();
    expect(
      await db.order.findFirst({
        where: { items: { some: { variantId: variant.id } } },
        orderBy: { createdAt: "desc" },
      }),
    ).toMatchObject({ status: "CANCELLED" });
  }, 60_000);
});
