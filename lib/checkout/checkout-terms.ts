import "server-only";
import { getTenantDb } from "@/lib/db";
import { DomainError } from "@/lib/security/domain-error";
import type { Stripe } from "@/lib/payments/stripe-client";
import { findUsableDiscountCode, type UsableDiscountCode } from "./discount-codes";
import { parseShipsTo } from "./shipping-countries";
import { ensureStripeCoupon, ensureStripeShippingRate, type RateRow } from "./stripe-objects";

// What a checkout offers beyond the cart: where the store ships, its shipping options, Stripe Tax,
// and the discount code the shopper typed. Read fresh from the store's settings for every
// checkout, checked before any order is written.

export type CheckoutTerms = {
  countries: string[];
  automaticTax: boolean;
  rates: RateRow[];
  discount: UsableDiscountCode | null;
};

/** Refuses (409) a store that ships nowhere or has no shipping option in its currency. */
export async function readCheckoutTerms(
  tenantId: string,
  currency: string,
  typedDiscountCode: string | undefined,
): Promise<CheckoutTerms> {
  const db = await getTenantDb(tenantId);
  const store = await db.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  const countries = parseShipsTo(store.shipsTo);
  const rates = await db.shippingRate.findMany({
    where: { active: true, currency },
    orderBy: [{ amountMinor: "asc" }, { createdAt: "asc" }],
    take: 5,
  });
  if (countries.length === 0 || rates.length === 0) {
    throw new DomainError(
      409,
      "This store isn't taking orders yet: it hasn't set up where and how it ships. Nothing was charged; please try again later.",
    );
  }
  const discount = typedDiscountCode ? await findUsableDiscountCode(tenantId, typedDiscountCode, currency) : null;
  return { countries, automaticTax: store.automaticTax, rates, discount };
}

/** The Checkout Session parameters the terms become; creates the Stripe objects they name. */
export async function toSessionParams(
  terms: CheckoutTerms,
  retry = 0,
): Promise<
  Pick<
    Stripe.Checkout.SessionCreateParams,
    "shipping_address_collection" | "phone_number_collection" | "shipping_options" | "automatic_tax" | "discounts"
  >
> {
  const shippingRates = [];
  for (const rate of terms.rates) shippingRates.push(await ensureStripeShippingRate(rate, retry));
  const coupon = terms.discount ? await ensureStripeCoupon(terms.discount, retry) : null;
  return {
    shipping_address_collection: {
      allowed_countries:
        terms.countries as Stripe.Checkout.SessionCreateParams.ShippingAddressCollection.AllowedCountry[],
    },
    phone_number_collection: { enabled: true },
    shipping_options: shippingRates.map((id) => ({ shipping_rate: id })),
    automatic_tax: { enabled: terms.automaticTax },
    ...(coupon ? { discounts: [{ coupon }] } : {}),
  };
}
