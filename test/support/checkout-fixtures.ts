import { changeCartLine, type CartOwner } from "@/lib/cart/cart-store";
import { startCheckout } from "@/lib/checkout/start-checkout";
import type { TenantDto } from "@/lib/tenancy";
import type { StripeEmulator } from "@/scripts/stripe-emulator/server";
import { getDb } from "./db";
import { eventId } from "./stripe";

export const ORIGIN = "http://localhost:3000";

/** Carts and checkouts on real variants of one store, with stock set as the test needs. */
export function checkoutFixtures(getTenant: () => TenantDto, getEmulator: () => StripeEmulator) {
  let guests = 0;
  // Guest tokens are unique across stores: two fixtures in one file must not hand out the same.
  const instance = Math.random().toString(36).slice(2, 8);
  const newGuest = (): CartOwner => ({
    guestToken: `checkout-guest-${process.pid}-${instance}-${guests++}-padding-padding`,
  });

  async function variantAt(skip: number, stock: number) {
    const db = await getDb();
    const variant = await db.variant.findFirstOrThrow({
      where: { tenantId: getTenant().id, product: { status: "ACTIVE" } },
      orderBy: { sku: "asc" },
      skip,
    });
    await db.variant.update({ where: { id: variant.id }, data: { stock } });
    return variant;
  }

  /** A guest cart with one line per entry; each entry's variant is set to its stock first. */
  async function cartWithLines(lines: { skip: number; quantity: number; stock: number }[]) {
    const owner = newGuest();
    const variants = [];
    for (const line of lines) {
      const variant = await variantAt(line.skip, line.stock);
      await changeCartLine(getTenant(), owner, { variantId: variant.id, quantity: line.quantity, mode: "add" });
      variants.push(variant);
    }
    return { owner, variants };
  }

  async function cartWith(quantity: number, stock: number, skip = 0) {
    const { owner, variants } = await cartWithLines([{ skip, quantity, stock }]);
    return { owner, variant: variants[0]! };
  }

  async function checkoutCart(owner: CartOwner) {
    const { orderId } = await startCheckout(getTenant(), null, owner, ORIGIN);
    const db = await getDb();
    const order = await db.order.findUniqueOrThrow({
      where: { id: orderId },
      include: { items: true, reservations: true },
    });
    const session = getEmulator().sessions.get(order.stripeCheckoutSessionId!)!;
    return { order, session };
  }

  async function checkout(quantity: number, stock: number, skip = 0) {
    const { owner, variant } = await cartWith(quantity, stock, skip);
    return { owner, variant, ...(await checkoutCart(owner)) };
  }

  return { newGuest, cartWith, cartWithLines, checkoutCart, checkout };
}

export const stockOf = async (variantId: string) =>
  (await (await getDb()).variant.findUniqueOrThrow({ where: { id: variantId } })).stock;

export const orderOf = async (orderId: string) =>
  (await getDb()).order.findUniqueOrThrow({ where: { id: orderId }, include: { reservations: true } });

export function sessionEvent(type: string, session: object, overrides: object = {}) {
  return { id: eventId(), type, data: { object: { ...session, ...overrides } } };
}

export const paid = (session: object) => ({
  ...session,
  status: "complete",
  payment_status: "paid",
  payment_intent: `pi_test_${Math.random().toString(36).slice(2)}`,
  customer_details: { email: "buyer@example.test", phone: "+1 503 555 0100", name: "Robin Tester" },
  // What Stripe collected: the shipping address, as every checkout asks for one.
  collected_information: {
    shipping_details: {
      name: "Robin Tester",
      address: {
        line1: "1 Test Street",
        line2: null,
        city: "Portland",
        state: "OR",
        postal_code: "97201",
        country: "US",
      },
    },
  },
});

/** An order's amount fields when nothing but its items was charged (no discount, shipping or tax). */
export const NO_EXTRAS = (subtotalMinor: number) => ({
  subtotalMinor,
  discountMinor: 0,
  discountCode: null,
  shippingMinor: 0,
  shippingMethod: null,
  taxMinor: 0,
  shippingAddress: null,
});
