import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { changeCartLine } from "@/lib/cart/cart-store";
import { startCheckout } from "@/lib/checkout/start-checkout";
import { findTenantByHost } from "@/lib/tenancy";
import type { StripeEmulator } from "@/scripts/stripe-emulator/server";
import { getDb } from "../support/db";
import { eventId, handleStripeWebhook, signedWebhook, useStripeEmulator } from "../support/stripe";

// Processing that fails half-way: the order write below must roll back with the event record, so
// Stripe's retry finds nothing applied and nothing marked as seen.
vi.mock("@/lib/orders/apply-stripe-event", () => ({
  applyStripeEvent: async (
    tx: { order: { updateMany: (args: unknown) => Promise<unknown> } },
    event: { data: { object: { client_reference_id: string } } },
  ) => {
    await tx.order.updateMany({ where: { id: event.data.object.client_reference_id }, data: { status: "PAID" } });
    throw new Error("database went away mid-event");
  },
}));

let emulator: StripeEmulator;
beforeAll(async () => {
  emulator = await useStripeEmulator();
});
afterAll(async () => {
  await emulator?.close();
});

describe("a failure while applying an event", () => {
  it("answers 500 for Stripe to retry and leaves no half-applied state", async () => {
    const tenant = (await findTenantByHost("localhost"))!;
    const db = await getDb();
    const variant = await db.variant.findFirstOrThrow({ where: { tenantId: tenant.id, stock: { gte: 2 } } });
    const owner = { guestToken: "failure-test-guest-token-padding" };
    await changeCartLine(tenant, owner, { variantId: variant.id, quantity: 1, mode: "add" });
    const { orderId } = await startCheckout(tenant, null, owner, "http://localhost:3000");
    const order = await db.order.findUniqueOrThrow({ where: { id: orderId } });
    const session = emulator.sessions.get(order.stripeCheckoutSessionId!)!;
    const event = {
      id: eventId(),
      type: "checkout.session.completed",
      data: { object: { ...session, payment_status: "paid" } },
    };

    const response = await handleStripeWebhook(signedWebhook(event));
    expect(response.status).toBe(500);
    expect((await db.order.findUniqueOrThrow({ where: { id: orderId } })).status).toBe("PENDING");
    expect(await db.webhookEvent.findUnique({ where: { id: event.id } })).toBeNull();
  });
});
