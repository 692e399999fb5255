import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getTenantDb } from "@/lib/db";
import { fulfilOrder, getOrderForMerchant } from "@/lib/orders/manage-orders";
import { getOrderForViewer } from "@/lib/orders/orders";
import { isDefiniteRefusal, refundOrder, refundOrderSchema } from "@/lib/orders/refund-order";
import { shipOrderSchema } from "@/lib/orders/shipping";
import { getStripe } from "@/lib/payments/stripe-client";
import { hashOpaqueToken } from "@/lib/identity/opaque-token";
import { findTenantByHost, type TenantDto } from "@/lib/tenancy";
import type { StripeEmulator } from "@/scripts/stripe-emulator/server";
import { checkoutFixtures, orderOf, paid, sessionEvent } from "../support/checkout-fixtures";
import { getDb } from "../support/db";
import { eventId, handleStripeWebhook, signedWebhook, useStripeEmulator } from "../support/stripe";

// Issue 15, item 3: orders a merchant can fulfil — shipping with carrier and tracking, partial
// refunds held against what was paid, refunds confirmed once by the webhook, the timeline.

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

const { cartWithLines, checkoutCart } = checkoutFixtures(
  () => northwind,
  () => emulator,
);
const actor = () => ({ id: "merchant-test", email: "merchant@northwind.test", tenantId: northwind.id });

const deliver = async (event: { id: string; type: string; data: { object: unknown } }) => {
  const response = await handleStripeWebhook(signedWebhook(event));
  return { status: response.status, ...((await response.json()) as { outcome?: string }) };
};

let buyers = 0;
let nextSkip = 20;

/** A paid guest order of two lines (2 × A, 1 × B), with its own buyer address. */
async function paidOrder() {
  const skip = nextSkip;
  nextSkip += 2;
  const { owner } = await cartWithLines([
    { skip, quantity: 2, stock: 50 },
    { skip: skip + 1, quantity: 1, stock: 50 },
  ]);
  const { order, session } = await checkoutCart(owner);
  const email = `fulfil-${process.pid}-${buyers++}@example.test`;
  const payment = { ...paid(session), customer_details: { email } };
  // Stripe took the money: the emulator's session is paid with that payment intent.
  Object.assign(emulator.sessions.get(session.id)!, {
    status: "complete",
    payment_status: "paid",
    payment_intent: payment.payment_intent,
  });
  expect(await deliver(sessionEvent("checkout.session.completed", payment))).toMatchObject({ outcome: "paid" });
  return { order, email, total: order.totalMinor, paymentIntent: payment.payment_intent, session };
}

const mailsTo = async (email: string) =>
  (await getDb()).outboundEmail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });

const refundEventsFor = (paymentIntent: string) =>
  emulator.events.filter(
    (e) =>
      e.type === "charge.refunded" && (e.data.object as { payment_intent: string }).payment_intent === paymentIntent,
  );

/** Delivers the emulator's refund webhook as Stripe would (a fresh event id per delivery of a new event). */
const deliverRefund = (object: unknown, id = eventId()) => deliver({ id, type: "charge.refunded", data: { object } });

describe("marking an order shipped", () => {
  it("refuses input without a carrier or a valid tracking number, and unknown fields", () => {
    const ok = { id: "o1", carrier: "UPS", trackingNumber: "1z 999-aa1 0123456784" };
    expect(shipOrderSchema.parse(ok)).toMatchObject({ trackingNumber: "1Z999AA10123456784", carrierName: null });
    expect(shipOrderSchema.safeParse({ id: "o1", carrier: "UPS" }).success).toBe(false);
    expect(shipOrderSchema.safeParse({ ...ok, trackingNumber: "" }).success).toBe(false);
    expect(shipOrderSchema.safeParse({ ...ok, trackingNumber: "javascript:alert(1)" }).success).toBe(false);
    expect(shipOrderSchema.safeParse({ ...ok, trackingNumber: "A".repeat(41) }).success).toBe(false);
    expect(shipOrderSchema.safeParse({ ...ok, carrier: "ACME" }).success).toBe(false);
    expect(shipOrderSchema.safeParse({ ...ok, carrier: "OTHER" }).success).toBe(false);
    expect(shipOrderSchema.parse({ ...ok, carrier: "OTHER", carrierName: "Fjord Post" })).toMatchObject({
      carrierName: "Fjord Post",
    });
    expect(shipOrderSchema.safeParse({ ...ok, trackingUrl: "https://evil.test/" }).success).toBe(false);
  });

  it("ships a paid order once, stores carrier and tracking, and mails the buyer once with our tracking link", async () => {
    const { order, email } = await paidOrder();
    const db = await getTenantDb(northwind.id);
    const input = shipOrderSchema.parse({ id: order.id, carrier: "UPS", trackingNumber: "1Z999AA10123456784" });
    await fulfilOrder(db, actor(), input);
    expect(await orderOf(order.id)).toMatchObject({
      status: "FULFILLED",
      carrier: "UPS",
      trackingNumber: "1Z999AA10123456784",
    });
    const again = await fulfilOrder(db, actor(), input).catch((error: { status?: number }) => error);
    expect(again).toMatchObject({ status: 409 });
    const shipped = (await mailsTo(email)).filter((mail) => mail.subject.includes("has shipped"));
    expect(shipped).toHaveLength(1);
    expect(shipped[0]!.text).toContain("Carrier: UPS");
    expect(shipped[0]!.text).toContain("Tracking number: 1Z999AA10123456784");
    expect(shipped[0]!.text).toContain("https://www.ups.com/track?tracknum=1Z999AA10123456784");
    // A guest gets a working look-up link (the newest mail's).
    const token = /\?t=([^\s"&]+)/.exec(shipped[0]!.text)?.[1];
    expect(token).toBeDefined();
    expect((await orderOf(order.id)).lookupTokenHash).toBe(hashOpaqueToken(decodeURIComponent(token!)));
    expect(await db.orderEvent.count({ where: { orderId: order.id, kind: "shipped" } })).toBe(1);
  });

  it("refuses an unpaid order, an order of another store, and puts no link for an OTHER carrier", async () => {
    const { owner } = await cartWithLines([{ skip: 5, quantity: 1, stock: 50 }]);
    const { order: pending } = await checkoutCart(owner);
    const db = await getTenantDb(northwind.id);
    const ship = (id: string, tenantDb = db) =>
      fulfilOrder(
        tenantDb,
        actor(),
        shipOrderSchema.parse({ id, carrier: "DHL", trackingNumber: "JD0140000123" }),
      ).catch((error: { status?: number }) => error);
    expect(await ship(pending.id)).toMatchObject({ status: 409 });
    const { order, email } = await paidOrder();
    expect(await ship(order.id, await getTenantDb(lumen.id))).toMatchObject({ status: 404 });
    expect((await orderOf(order.id)).status).toBe("PAID");
    await fulfilOrder(
      db,
      actor(),
      shipOrderSchema.parse({ id: order.id, carrier: "OTHER", carrierName: "Fjord Post", trackingNumber: "FP-1234" }),
    );
    const [mail] = (await mailsTo(email)).filter((m) => m.subject.includes("has shipped"));
    expect(mail!.text).toContain("Carrier: Fjord Post");
    expect(mail!.text).not.toContain("Track the parcel");
  });
});

describe("partial refunds", () => {
  it("refuses to refund an unpaid order and amounts above what is left", async () => {
    const { owner } = await cartWithLines([{ skip: 6, quantity: 1, stock: 50 }]);
    const { order: pending } = await checkoutCart(owner);
    const db = await getTenantDb(northwind.id);
    await expect(refundOrder(db, actor(), pending.id, { amount: "1" })).rejects.toMatchObject({ status: 409 });
    const { order, total } = await paidOrder();
    const tooMuch = ((total + 1) / 100).toFixed(2);
    await expect(refundOrder(db, actor(), order.id, { amount: tooMuch })).rejects.toMatchObject({ status: 409 });
    await expect(refundOrder(db, actor(), order.id, { amount: "abc" })).rejects.toMatchObject({ status: 400 });
    await expect(refundOrder(db, actor(), order.id, { amount: "0" })).rejects.toMatchObject({ status: 400 });
    await expect(refundOrder(await getTenantDb(lumen.id), actor(), order.id, { amount: "1" })).rejects.toMatchObject({
      status: 404,
    });
    expect(refundOrderSchema.safeParse({ id: order.id, amount: "1", lines: [] }).success).toBe(false);
    expect(refundOrderSchema.safeParse({ id: order.id, amountMinor: 1 }).success).toBe(false);
    expect(await orderOf(order.id)).toMatchObject({ refundPendingMinor: 0, refundedMinor: 0 });
  });

  it("gives the hold back when Stripe refuses the refund, and shows the merchant the refusal", async () => {
    const { order, session } = await paidOrder();
    // Stripe no longer knows the payment: the refund is refused.
    emulator.sessions.get(session.id)!.payment_intent = "pi_test_unknown";
    const db = await getTenantDb(northwind.id);
    await expect(refundOrder(db, actor(), order.id, { amount: "1" })).rejects.toMatchObject({ status: 409 });
    expect(await orderOf(order.id)).toMatchObject({ refundPendingMinor: 0, refundedMinor: 0 });
    const merchant = await getOrderForMerchant(northwind.id, order.id);
    expect(merchant!.timeline.at(-1)).toMatchObject({
      kind: "refund_failed",
      text: "Refund of $1.00 refused by the payment provider",
    });
    expect(merchant!.refundableMinor).toBe(order.totalMinor);
  });

  it("keeps the hold when Stripe does not answer: the outcome is unknown, and a second try cannot refund it twice", async () => {
    const { order } = await paidOrder();
    const db = await getTenantDb(northwind.id);
    // A timeout or a dropped connection carries no HTTP status; Stripe may have made the refund.
    const create = vi
      .spyOn(getStripe().refunds, "create")
      .mockRejectedValueOnce(
        Object.assign(new Error("Request aborted due to timeout"), { type: "StripeConnectionError" }),
      );
    try {
      await expect(refundOrder(db, actor(), order.id, { amount: "1" })).rejects.toMatchObject({ status: 502 });
    } finally {
      create.mockRestore();
    }
    expect(await orderOf(order.id)).toMatchObject({ refundPendingMinor: 100, refundedMinor: 0 });
    const merchant = await getOrderForMerchant(northwind.id, order.id);
    expect(merchant!.timeline.at(-1)).toMatchObject({ kind: "refund_requested" });
    expect(merchant!.refundableMinor).toBe(order.totalMinor - 100);
    expect(isDefiniteRefusal({ statusCode: 400 })).toBe(true);
    expect(isDefiniteRefusal({ statusCode: 503 })).toBe(false);
    expect(isDefiniteRefusal(new Error("socket hang up"))).toBe(false);
  });

  it("ships nothing that is refunded, or waiting to be refunded, in full", async () => {
    const { order } = await paidOrder();
    const platform = await getDb();
    await platform.order.update({ where: { id: order.id }, data: { refundPendingMinor: order.totalMinor } });
    const db = await getTenantDb(northwind.id);
    await expect(
      fulfilOrder(
        db,
        actor(),
        shipOrderSchema.parse({ id: order.id, carrier: "UPS", trackingNumber: "1Z999AA10123456784" }),
      ),
    ).rejects.toMatchObject({ status: 409 });
    expect(await orderOf(order.id)).toMatchObject({ status: "PAID", trackingNumber: null });
  });

  it("computes a refund by lines from the order's own snapshots, and caps quantities", async () => {
    const { order, paymentIntent } = await paidOrder();
    const items = await (await getDb()).orderItem.findMany({ where: { orderId: order.id }, orderBy: { id: "asc" } });
    const two = items.find((item) => item.quantity === 2)!;
    const db = await getTenantDb(northwind.id);
    await expect(
      refundOrder(db, actor(), order.id, { lines: [{ itemId: two.id, quantity: 3 }] }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      refundOrder(db, actor(), order.id, { lines: [{ itemId: "not-a-line", quantity: 1 }] }),
    ).rejects.toMatchObject({ status: 400 });
    expect(await refundOrder(db, actor(), order.id, { lines: [{ itemId: two.id, quantity: 1 }] })).toEqual({
      amountMinor: two.unitPriceMinor,
    });
    const [event] = refundEventsFor(paymentIntent);
    expect(event!.data.object).toMatchObject({ amount_refunded: two.unitPriceMinor, refunded: false });
    expect(await orderOf(order.id)).toMatchObject({ refundPendingMinor: two.unitPriceMinor, refundedMinor: 0 });
  });

  it("10 parallel refund requests never together exceed what was paid", async () => {
    const { order, total, paymentIntent } = await paidOrder();
    const db = await getTenantDb(northwind.id);
    const part = Math.floor(total * 0.3);
    const amount = (part / 100).toFixed(2);
    const results = await Promise.allSettled(
      Array.from({ length: 10 }, () => refundOrder(db, actor(), order.id, { amount })),
    );
    const granted = results.filter((result) => result.status === "fulfilled");
    expect(granted).toHaveLength(3);
    for (const result of results)
      if (result.status === "rejected") expect(result.reason).toMatchObject({ status: 409 });
    const events = refundEventsFor(paymentIntent);
    expect(events).toHaveLength(3);
    const stripeTotal = Math.max(...events.map((e) => (e.data.object as { amount_refunded: number }).amount_refunded));
    expect(stripeTotal).toBe(3 * part);
    expect(stripeTotal).toBeLessThanOrEqual(total);
    expect(await orderOf(order.id)).toMatchObject({ refundPendingMinor: 3 * part });
  });
});

describe("refunds confirmed by the webhook", () => {
  it("records a partial refund once, keeps the order paid and partially refunded, and mails once", async () => {
    const { order, email, total, paymentIntent } = await paidOrder();
    const db = await getTenantDb(northwind.id);
    await refundOrder(db, actor(), order.id, { amount: "1.00" });
    const [event] = refundEventsFor(paymentIntent);
    const id = eventId();
    expect(await deliverRefund(event!.data.object, id)).toMatchObject({ outcome: "partial_refund_recorded" });
    // The same event again (a redelivery), and the same charge state under a new event id.
    expect(await deliverRefund(event!.data.object, id)).toMatchObject({ outcome: "duplicate" });
    expect(await deliverRefund(event!.data.object)).toMatchObject({ outcome: "refund_already_recorded" });
    expect(await orderOf(order.id)).toMatchObject({ status: "PAID", refundedMinor: 100, refundPendingMinor: 0 });
    const refunded = (await mailsTo(email)).filter((mail) => mail.subject.includes("refund"));
    expect(refunded).toHaveLength(1);
    expect(refunded[0]!.text).toContain("We have refunded $1.00");
    const view = await getOrderForMerchant(northwind.id, order.id);
    expect(view?.statusLabel).toBe("Paid · partially refunded");
    expect(view?.refundableMinor).toBe(total - 100);

    // The rest, then an older cumulative figure arriving late: nothing goes backwards.
    await refundOrder(db, actor(), order.id);
    const rest = refundEventsFor(paymentIntent)[1]!;
    expect(rest.data.object).toMatchObject({ amount_refunded: total, refunded: true });
    expect(await deliverRefund(rest.data.object)).toMatchObject({ outcome: "refunded" });
    expect(await deliverRefund(event!.data.object)).toMatchObject({ outcome: "refund_already_recorded" });
    expect(await orderOf(order.id)).toMatchObject({ status: "REFUNDED", refundedMinor: total, refundPendingMinor: 0 });
    const all = (await mailsTo(email)).filter((mail) => mail.subject.includes("refund"));
    expect(all.map((mail) => mail.subject)).toEqual([
      expect.stringContaining("A refund of $1.00"),
      expect.stringContaining("has been refunded"),
    ]);
    await expect(refundOrder(db, actor(), order.id, { amount: "1" })).rejects.toMatchObject({ status: 409 });
  });

  it("applies a partial refund that arrives before the payment when the payment comes", async () => {
    const { owner } = await cartWithLines([{ skip: 7, quantity: 1, stock: 50 }]);
    const { order, session } = await checkoutCart(owner);
    const email = `fulfil-early-${process.pid}@example.test`;
    const payment = { ...paid(session), customer_details: { email } };
    const charge = {
      id: "ch_early",
      object: "charge",
      payment_intent: payment.payment_intent,
      amount: 0,
      amount_refunded: 50,
      refunded: false,
    };
    expect(await deliverRefund(charge)).toMatchObject({ outcome: "deferred" });
    expect(await deliver(sessionEvent("checkout.session.completed", payment))).toMatchObject({ outcome: "paid" });
    expect(await orderOf(order.id)).toMatchObject({ status: "PAID", refundedMinor: 50 });
    const subjects = (await mailsTo(email)).map((mail) => mail.subject);
    expect(subjects).toEqual([expect.stringContaining("is confirmed"), expect.stringContaining("A refund of $0.50")]);
  });
});

describe("the emulator", () => {
  it("refunds in parts with the cumulative amount in charge.refunded, on one charge, and refuses more than the charge", async () => {
    const { total, paymentIntent } = await paidOrder();
    const stripe = getStripe();
    const first = await stripe.refunds.create(
      { payment_intent: paymentIntent, amount: 100 },
      { idempotencyKey: `t-${paymentIntent}-1` },
    );
    // The same key is the same refund, not a second one.
    await stripe.refunds.create(
      { payment_intent: paymentIntent, amount: 100 },
      { idempotencyKey: `t-${paymentIntent}-1` },
    );
    await stripe.refunds.create(
      { payment_intent: paymentIntent, amount: 200 },
      { idempotencyKey: `t-${paymentIntent}-2` },
    );
    await expect(
      stripe.refunds.create(
        { payment_intent: paymentIntent, amount: total },
        { idempotencyKey: `t-${paymentIntent}-3` },
      ),
    ).rejects.toThrow(/exceeds/);
    const events = refundEventsFor(paymentIntent).map(
      (e) => e.data.object as { id: string; amount_refunded: number; refunded: boolean },
    );
    expect(events.map((e) => [e.amount_refunded, e.refunded])).toEqual([
      [100, false],
      [300, false],
    ]);
    expect(new Set(events.map((e) => e.id)).size).toBe(1);
    expect(first.charge).toBe(events[0]!.id);
  });
});

describe("the order timeline", () => {
  it("tells the merchant and the shopper what happened, the shopper without internal details, per store", async () => {
    const { order, paymentIntent } = await paidOrder();
    const db = await getTenantDb(northwind.id);
    await fulfilOrder(
      db,
      actor(),
      shipOrderSchema.parse({ id: order.id, carrier: "USPS", trackingNumber: "9400 1000 0000 0000 0000 00" }),
    );
    await refundOrder(db, actor(), order.id, { amount: "2" });
    await deliverRefund(refundEventsFor(paymentIntent)[0]!.data.object);

    const merchant = await getOrderForMerchant(northwind.id, order.id);
    expect(merchant!.timeline.map((entry) => entry.kind)).toEqual([
      "placed",
      "paid",
      "shipped",
      "refund_requested",
      "refund_confirmed",
    ]);
    expect(merchant!.timeline[2]).toMatchObject({
      text: "Shipped with USPS, tracking number 9400100000000000000000",
      actor: "merchant@northwind.test",
      trackingUrl: "https://tools.usps.com/go/TrackConfirmAction?tLabels=9400100000000000000000",
    });
    expect(merchant!.timeline[3]).toMatchObject({
      text: "Refund of $2.00 requested",
      actor: "merchant@northwind.test",
    });
    expect(merchant!.statusLabel).toBe("Shipped · partially refunded");

    // The shopper holds the newest link (the refund mail's).
    const mails = await mailsTo((await orderOf(order.id)).email);
    const token = decodeURIComponent(/\?t=([^\s"&]+)/.exec(mails.at(-1)!.text)![1]!);
    const shopper = await getOrderForViewer(northwind.id, order.id, { user: null, token });
    expect(shopper!.timeline.map((entry) => entry.text)).toEqual([
      "Order placed",
      "Payment received",
      "Shipped with USPS, tracking number 9400100000000000000000",
      "Refund of $2.00 requested",
      "Refunded $2.00",
    ]);
    const seen = JSON.stringify(shopper);
    expect(seen).not.toContain("merchant@northwind.test");
    expect(seen).not.toContain(paymentIntent);
    expect(seen).not.toContain("actor");
    expect(shopper!.statusLabel).toBe("Shipped · partially refunded");

    // Another store's id space: nothing.
    expect(await getOrderForMerchant(lumen.id, order.id)).toBeNull();
    expect(await getOrderForViewer(lumen.id, order.id, { user: null, token })).toBeNull();
    expect(await (await getTenantDb(lumen.id)).orderEvent.count({ where: { orderId: order.id } })).toBe(0);
  });
});
