import "server-only";
import { getTenantDb } from "@/lib/db";
import { getStripe, type Stripe } from "@/lib/payments/stripe-client";
import type { UsableDiscountCode } from "./discount-codes";

// The Stripe objects a checkout names: a shipping rate per store rate and a coupon per discount
// code, created the first time a checkout needs them (so the merchant console and the seed work
// without Stripe) and kept by id. Idempotency keys make parallel first uses create one object.
// When Stripe no longer knows a kept id (another account, a restarted emulator), the ids are
// forgotten and created again (`forgetStripeObjects`).

/** A store's shipping rate as a checkout offers it. */
export type RateRow = {
  id: string;
  tenantId: string;
  name: string;
  amountMinor: number;
  currency: string;
  minDays: number | null;
  maxDays: number | null;
  stripeShippingRateId: string | null;
};

type CouponRow = UsableDiscountCode;

const estimate = (rate: RateRow): Stripe.ShippingRateCreateParams.DeliveryEstimate | undefined =>
  rate.minDays && rate.maxDays
    ? {
        minimum: { unit: "business_day", value: rate.minDays },
        maximum: { unit: "business_day", value: rate.maxDays },
      }
    : undefined;

export async function ensureStripeShippingRate(rate: RateRow, attempt = 0): Promise<string> {
  if (rate.stripeShippingRateId) return rate.stripeShippingRateId;
  const delivery = estimate(rate);
  const created = await getStripe().shippingRates.create(
    {
      display_name: rate.name,
      type: "fixed_amount",
      fixed_amount: { amount: rate.amountMinor, currency: rate.currency.toLowerCase() },
      // Prices are before tax; Stripe Tax (when on) adds shipping's tax under the shipping code.
      tax_behavior: "exclusive",
      tax_code: "txcd_92010001",
      ...(delivery ? { delivery_estimate: delivery } : {}),
      metadata: { tenantId: rate.tenantId, shippingRateId: rate.id },
    },
    { idempotencyKey: `shipping-rate-${rate.id}-${attempt}` },
  );
  const db = await getTenantDb(rate.tenantId);
  await db.shippingRate.updateMany({
    where: { id: rate.id, stripeShippingRateId: null },
    data: { stripeShippingRateId: created.id },
  });
  // A parallel checkout may have stored its own first: use whichever is kept.
  const kept = await db.shippingRate.findFirst({ where: { id: rate.id }, select: { stripeShippingRateId: true } });
  return kept?.stripeShippingRateId ?? created.id;
}

export async function ensureStripeCoupon(code: CouponRow, attempt = 0): Promise<string> {
  if (code.stripeCouponId) return code.stripeCouponId;
  const amount =
    code.percentOff !== null
      ? { percent_off: code.percentOff }
      : { amount_off: code.amountOffMinor ?? 0, currency: (code.currency ?? "").toLowerCase() };
  const created = await getStripe().coupons.create(
    { ...amount, duration: "once", name: code.code, metadata: { tenantId: code.tenantId, discountCodeId: code.id } },
    { idempotencyKey: `coupon-${code.id}-${attempt}` },
  );
  const db = await getTenantDb(code.tenantId);
  await db.discountCode.updateMany({
    where: { id: code.id, stripeCouponId: null },
    data: { stripeCouponId: created.id },
  });
  const kept = await db.discountCode.findFirst({ where: { id: code.id }, select: { stripeCouponId: true } });
  return kept?.stripeCouponId ?? created.id;
}

/** True for Stripe's answer to an id it does not know (a kept shipping rate or coupon). */
export function isMissingStripeObject(error: unknown): boolean {
  const e = error as { type?: string; code?: string; statusCode?: number } | null;
  return e?.type === "StripeInvalidRequestError" && e.code === "resource_missing";
}

/** Drops the store's kept Stripe ids so the next checkout creates them again. */
export async function forgetStripeObjects(tenantId: string): Promise<void> {
  const db = await getTenantDb(tenantId);
  await db.shippingRate.updateMany({ data: { stripeShippingRateId: null } });
  await db.discountCode.updateMany({ data: { stripeCouponId: null } });
}
