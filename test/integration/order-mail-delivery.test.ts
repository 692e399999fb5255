import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getTenantDb } from "@/lib/db";
import { fulfilOrder } from "@/lib/orders/manage-orders";
import { refundOrder } from "@/lib/orders/refund-order";
import { shipOrderSchema } from "@/lib/orders/shipping";
import type { StripeEmulator } from "@/scripts/stripe-emulator/server";
import { checkoutFixtures, paid, sessionEvent } from "../support/checkout-fixtures";
import { setUpMailHarness } from "../support/mail-harness";
import { eventId, handleStripeWebhook, signedWebhook, useStripeEmulator } from "../support/stripe";

// Issue 15, items 1 and 3: the shipped and refunded mails reach a real SMTP server, once each,
// however often Stripe delivers the refund's webhook.

let emulator: StripeEmulator;

// Before the harness's hooks: the emulator must be configured before anything reads the config.
beforeAll(async () => {
  emulator = await useStripeEmulator();
});
const h = setUpMailHarness();
afterAll(async () => {
  await emulator?.close();
});

const { cartWithLines, checkoutCart } = checkoutFixtures(
  () => h.northwind,
  () => emulator,
);

const deliver = async (event: { id: string; type: string; data: { object: unknown } }) =>
  (await handleStripeWebhook(signedWebhook(event))).json() as Promise<{ outcome?: string }>;

describe("order mails through SMTP", () => {
  it("delivers the shipped mail and one refunded mail per confirmed refund, never twice", async () => {
    const { owner } = await cartWithLines([{ skip: 30, quantity: 2, stock: 50 }]);
    const { order, session } = await checkoutCart(owner);
    const email = `ship-mail-${process.pid}@example.test`;
    const payment = { ...paid(session), customer_details: { email } };
    Object.assign(emulator.sessions.get(session.id)!, {
      status: "complete",
      payment_status: "paid",
      payment_intent: payment.payment_intent,
    });
    await deliver(sessionEvent("checkout.session.completed", payment));
    const actor = { id: "merchant-test", email: "merchant@northwind.test", tenantId: h.northwind.id };
    const db = await getTenantDb(h.northwind.id);
    await fulfilOrder(
      db,
      actor,
      shipOrderSchema.parse({ id: order.id, carrier: "FEDEX", trackingNumber: "7489 1234 5678" }),
    );
    await refundOrder(db, actor, order.id, { amount: "1.50" });
    const refund = [...emulator.events].reverse().find((e) => e.type === "charge.refunded")!;
    const id = eventId();
    for (let i = 0; i < 3; i++) await deliver({ id, type: "charge.refunded", data: { object: refund.data.object } });
    await deliver({ id: eventId(), type: "charge.refunded", data: { object: refund.data.object } });

    await h.drain();
    await h.drain();
    const received = h.sink.received.filter((mail) => mail.envelopeTo.includes(email));
    const subjects = received.map((mail) => h.header(mail, "subject"));
    expect(subjects).toEqual([
      expect.stringMatching(/^Your order \w{8} is confirmed$/),
      expect.stringMatching(/^Your order \w{8} has shipped$/),
      expect.stringMatching(/^A refund of \$1\.50 for your order \w{8}$/),
    ]);
    const [, shipped, refunded] = received;
    expect(shipped!.text).toContain("Carrier: FedEx\nTracking number: 748912345678");
    expect(shipped!.html).toContain("https://www.fedex.com/fedextrack/?trknbr=748912345678");
    expect(shipped!.html).toMatch(/href="http:\/\/localhost:\d+\/orders\/\w+\?t=[\w-]+"/);
    expect(refunded!.text).toContain("We have refunded $1.50");
    expect(refunded!.html).toContain("We have refunded $1.50");
  });
});
