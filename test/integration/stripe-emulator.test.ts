import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { handleStripeWebhook } from "../support/stripe";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { changeCartLine } from "@/lib/cart/cart-store";
import { startCheckout } from "@/lib/checkout/start-checkout";
import { getStripe } from "@/lib/payments/stripe-client";
import { EMULATOR_SECRET_KEY, EMULATOR_WEBHOOK_SECRET } from "@/lib/payments/stripe-config";
import { findTenantByHost, type TenantDto } from "@/lib/tenancy";
import { TEST_PAYMENT_FORM } from "@/scripts/stripe-emulator/checkout-extras";
import { startStripeEmulator, type StripeEmulator } from "@/scripts/stripe-emulator/server";
import { getDb } from "../support/db";

// The emulator end to end: the SDK talks to it, its hosted page takes the payment, and its
// signed webhooks reach the real handler through a small HTTP relay.
let emulator: StripeEmulator;
let relay: Server;
let tenant: TenantDto;

beforeAll(async () => {
  relay = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", async () => {
      const response = await handleStripeWebhook(
        new Request("http://localhost/api/webhooks/stripe", {
          method: "POST",
          headers: req.headers as Record<string, string>,
          body: Buffer.concat(chunks),
        }),
      );
      res.writeHead(response.status, { "content-type": "application/json" });
      res.end(await response.text());
    });
  });
  await new Promise<void>((resolve) => relay.listen(0, "127.0.0.1", resolve));
  const webhookUrl = `http://127.0.0.1:${(relay.address() as AddressInfo).port}/`;
  emulator = await startStripeEmulator({
    secretKey: EMULATOR_SECRET_KEY,
    webhookSecret: EMULATOR_WEBHOOK_SECRET,
    webhookUrl,
  });
  process.env.STRIPE_API_URL = emulator.url.replace("localhost", "127.0.0.1");
  tenant = (await findTenantByHost("localhost"))!;
});

afterAll(async () => {
  await emulator?.close();
  await new Promise((resolve) => relay?.close(resolve));
});

const control = (path: string, body: unknown = {}) =>
  fetch(`${emulator.url}/_emulator/${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

let carts = 0;
async function openCheckout(skip: number) {
  const db = await getDb();
  const variant = await db.variant.findFirstOrThrow({
    where: { tenantId: tenant.id, product: { status: "ACTIVE" } },
    orderBy: { sku: "desc" },
    skip,
  });
  await db.variant.update({ where: { id: variant.id }, data: { stock: 5 } });
  const owner = { guestToken: `emulator-guest-${carts++}-padding-padding` };
  await changeCartLine(tenant, owner, { variantId: variant.id, quantity: 1, mode: "add" });
  const { url, orderId } = await startCheckout(tenant, null, owner, "http://localhost:3000");
  return { url, orderId, variant };
}

const status = async (orderId: string) =>
  (await (await getDb()).order.findUniqueOrThrow({ where: { id: orderId } })).status;
const stock = async (variantId: string) =>
  (await (await getDb()).variant.findUniqueOrThrow({ where: { id: variantId } })).stock;
const pay = (url: string) =>
  fetch(`${url}/pay`, {
    method: "POST",
    body: new URLSearchParams({ ...TEST_PAYMENT_FORM, email: "emu@example.test" }),
    redirect: "manual",
  });

describe("the Stripe emulator", () => {
  it("answers like Stripe: auth errors, validation errors, idempotent creation", async () => {
    const bad = await fetch(`${emulator.url}/v1/checkout/sessions`, {
      method: "POST",
      headers: { authorization: "Bearer sk_test_wrong" },
    });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ error: { type: "invalid_request_error" } });
    await expect(
      getStripe().checkout.sessions.create({
        mode: "payment",
        line_items: [],
        success_url: "http://x/s",
        cancel_url: "http://x/c",
      }),
    ).rejects.toThrow(/line_items/);
    const params = {
      mode: "payment" as const,
      line_items: [{ quantity: 1, price_data: { currency: "usd", unit_amount: 500, product_data: { name: "Thing" } } }],
      success_url: "http://x/s",
      cancel_url: "http://x/c",
    };
    const a = await getStripe().checkout.sessions.create(params, { idempotencyKey: "same-key" });
    const b = await getStripe().checkout.sessions.create(params, { idempotencyKey: "same-key" });
    expect(b.id).toBe(a.id);
    expect((await getStripe().checkout.sessions.listLineItems(a.id)).data[0]).toMatchObject({
      quantity: 1,
      amount_total: 500,
    });
  });

  it("takes a payment on its hosted page, redirects back, and its signed webhook marks the order paid", async () => {
    const { url, orderId, variant } = await openCheckout(0);
    const page = await (await fetch(url)).text();
    expect(page).toContain("Test mode");
    const paid = await pay(url);
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toMatch(new RegExp(`/orders/${orderId}\\?t=.+&session_id=cs_test_`));
    await expect.poll(() => status(orderId)).toBe("PAID");
    expect(await stock(variant.id)).toBe(4);
  });

  it("delivers duplicates on request, and they change nothing twice", async () => {
    await control("mode", { duplicates: 3 });
    try {
      const { url, orderId, variant } = await openCheckout(1);
      await pay(url);
      await expect
        .poll(() => emulator.deliveries.filter((d) => d.status === 200).length, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(4);
      await expect.poll(() => status(orderId)).toBe("PAID");
      expect(await stock(variant.id)).toBe(4);
      const db = await getDb();
      expect(await db.outboundEmail.count({ where: { to: "emu@example.test", text: { contains: orderId } } })).toBe(1);
    } finally {
      await control("mode", { duplicates: 0 });
    }
  });

  it("holds events and releases them out of order: a completed payment survives a later expiry", async () => {
    await control("mode", { hold: true });
    const { url, orderId, variant } = await openCheckout(2);
    await pay(url);
    const session = [...emulator.sessions.values()].find((s) => s.client_reference_id === orderId)!;
    // Stripe would not expire a completed session; force the event to arrive anyway, first.
    session.status = "open";
    await control(`sessions/${session.id}/expire`);
    await control("mode", { hold: false });
    const released = await (await control("release", { order: "reverse" })).json();
    expect(released).toEqual({ delivered: ["checkout.session.expired", "checkout.session.completed"] });
    expect(await status(orderId)).toBe("PAID");
    expect(await stock(variant.id)).toBe(4);
  });

  it("expires a session on request and the held stock comes back", async () => {
    const { orderId, variant } = await openCheckout(3);
    expect(await stock(variant.id)).toBe(4);
    const db = await getDb();
    const order = await db.order.findUniqueOrThrow({ where: { id: orderId } });
    await getStripe().checkout.sessions.expire(order.stripeCheckoutSessionId!);
    await expect.poll(() => status(orderId)).toBe("EXPIRED");
    expect(await stock(variant.id)).toBe(5);
  });

  it("creates refunds and tells the shop", async () => {
    const { url, orderId } = await openCheckout(4);
    await pay(url);
    await expect.poll(() => status(orderId)).toBe("PAID");
    const db = await getDb();
    const order = await db.order.findUniqueOrThrow({ where: { id: orderId } });
    const refund = await getStripe().refunds.create({ payment_intent: order.stripePaymentIntentId! });
    expect(refund).toMatchObject({ object: "refund", status: "succeeded", amount: order.totalMinor });
    await expect.poll(() => status(orderId)).toBe("REFUNDED");
  });
});
