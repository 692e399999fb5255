import "server-only";
import type { DbTransaction } from "@/lib/db";
import { parseShipsTo, type ShippingCountry } from "@/lib/checkout/shipping-countries";
import { idOf, type CheckoutSessionObject } from "@/lib/payments/stripe-event-schema";

// What a paid Checkout Session says was charged, checked against our own order before anything
// is recorded: the line items at the prices we sent, a discount only from the code this order
// was started with, shipping only at one of this store's rates, tax only when Stripe Tax was on
// for this checkout, and a total that is exactly their sum (prices are before tax). Only then do
// the address, method and amounts go on the order, from this verified payload, never the browser.

export type ShippingAddress = {
  name: string;
  line1: string;
  line2: string;
  city: string;
  state: string;
  postalCode: string;
  country: string;
};

export type ChargedAmounts = {
  subtotalMinor: number;
  discountMinor: number;
  shippingMinor: number;
  taxMinor: number;
  shippingTaxMinor: number;
  totalMinor: number;
  shippingMethod: string | null;
  shippingRateId: string | null;
  shippingAddress: string | null;
  shippingPhone: string | null;
};

type OrderFacts = {
  id: string;
  tenantId: string;
  currency: string;
  subtotalMinor: number;
  discountCodeId: string | null;
  automaticTax: boolean;
};

export type ChargeCheck = { ok: true; amounts: ChargedAmounts } | { ok: false; problem: string };

const refuse = (problem: string): ChargeCheck => ({ ok: false, problem });

function addressOf(session: CheckoutSessionObject): ShippingAddress | null {
  const details = session.collected_information?.shipping_details;
  const country = details?.address?.country;
  if (!details || !country) return null;
  const { address } = details;
  return {
    name: details.name ?? session.customer_details?.name ?? "",
    line1: address.line1 ?? "",
    line2: address.line2 ?? "",
    city: address.city ?? "",
    state: address.state ?? "",
    postalCode: address.postal_code ?? "",
    country,
  };
}

export async function checkChargedAmounts(
  tx: DbTransaction,
  order: OrderFacts,
  session: CheckoutSessionObject,
): Promise<ChargeCheck> {
  if (session.amount_total === null || session.currency?.toLowerCase() !== order.currency.toLowerCase())
    return refuse(`charged ${session.amount_total} ${session.currency}, the order is in ${order.currency}`);
  const subtotal = session.amount_subtotal ?? session.amount_total;
  if (subtotal !== order.subtotalMinor)
    return refuse(`items charged at ${subtotal}, the order's items come to ${order.subtotalMinor}`);

  const discount = session.total_details?.amount_discount ?? 0;
  if (discount > 0) {
    const code = order.discountCodeId
      ? await tx.discountCode.findFirst({ where: { id: order.discountCodeId, tenantId: order.tenantId } })
      : null;
    const coupons = (session.discounts ?? []).map((entry) => idOf(entry.coupon));
    if (!code?.stripeCouponId || !coupons.includes(code.stripeCouponId) || coupons.length !== 1)
      return refuse(`a discount of ${discount} this order's checkout did not offer`);
    // No more than the code gives: its percentage (Stripe rounds per line, so a unit of slack per
    // line) or its amount, and never more than the items.
    const lines = Math.max(1, await tx.orderItem.count({ where: { orderId: order.id, tenantId: order.tenantId } }));
    const most = Math.min(
      subtotal,
      code.percentOff !== null ? Math.ceil((subtotal * code.percentOff) / 100) + lines : (code.amountOffMinor ?? 0),
    );
    if (discount > most) return refuse(`a discount of ${discount}, more than the code's ${most}`);
  }

  let shipping = 0;
  let shippingTax = 0;
  let rate: { id: string; name: string } | null = null;
  if (session.shipping_cost) {
    const stripeRateId = idOf(session.shipping_cost.shipping_rate);
    const row = stripeRateId
      ? await tx.shippingRate.findFirst({ where: { stripeShippingRateId: stripeRateId, tenantId: order.tenantId } })
      : null;
    if (!row || row.currency !== order.currency || row.amountMinor !== session.shipping_cost.amount_subtotal)
      return refuse(`shipping of ${session.shipping_cost.amount_subtotal} at a rate this store does not offer`);
    shipping = row.amountMinor;
    shippingTax = session.shipping_cost.amount_tax;
    rate = { id: row.id, name: row.name };
  }
  const statedShipping = session.total_details?.amount_shipping;
  if (statedShipping !== undefined && statedShipping !== null && statedShipping !== shipping)
    return refuse(`shipping stated as ${statedShipping}, its shipping cost is ${shipping}`);

  const tax = session.total_details?.amount_tax ?? 0;
  if (tax > 0 && !order.automaticTax) return refuse(`tax of ${tax} on a checkout without Stripe Tax`);
  // No tax anywhere comes near half of what it is charged on: a figure beyond that is not tax.
  const taxable = subtotal - discount + shipping;
  if (tax > Math.ceil(taxable / 2) || shippingTax > tax) return refuse(`tax of ${tax} on ${taxable}`);
  const address = addressOf(session);
  if (address) {
    const store = await tx.tenant.findUnique({ where: { id: order.tenantId }, select: { shipsTo: true } });
    if (!parseShipsTo(store?.shipsTo ?? "").includes(address.country as ShippingCountry))
      return refuse(`an address in ${address.country}, where the store does not ship`);
  }

  const expected = subtotal - discount + shipping + tax;
  if (session.amount_total !== expected)
    return refuse(`charged ${session.amount_total}, its parts come to ${expected}`);

  return {
    ok: true,
    amounts: {
      subtotalMinor: subtotal,
      discountMinor: discount,
      shippingMinor: shipping,
      taxMinor: tax,
      shippingTaxMinor: shippingTax,
      totalMinor: session.amount_total,
      shippingMethod: rate?.name ?? null,
      shippingRateId: rate?.id ?? null,
      shippingAddress: address ? JSON.stringify(address) : null,
      shippingPhone: session.customer_details?.phone ?? null,
    },
  };
}

/** The stored address, or null when the order has none (or it cannot be read). */
export function readShippingAddress(value: string | null): ShippingAddress | null {
  if (!value) return null;
  try {
    const parsed = JSON.parse(value) as Partial<ShippingAddress>;
    return typeof parsed.country === "string" && typeof parsed.line1 === "string" ? (parsed as ShippingAddress) : null;
  } catch {
    return null;
  }
}
