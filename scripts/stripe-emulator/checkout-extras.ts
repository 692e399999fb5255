// Shipping rates, coupons, and what a Checkout Session does with them: the address and phone it
// collects, the shipping option the shopper picks, the coupon it applies, and tax at a flat
// demonstration rate per country when automatic_tax is on (Stripe Tax's real rates depend on the
// merchant's registrations; these only make the amounts non-zero and checkable offline).
import { newId, nowSeconds, stripeError, type CheckoutSession, type LineItem } from "./objects";

/** A complete payment form for scripted payments (tests, the attack simulator): a US address. */
export const TEST_PAYMENT_FORM = {
  email: "buyer@example.test",
  phone: "+1 503 555 0100",
  name: "Robin Tester",
  line1: "1 Test Street",
  city: "Portland",
  state: "OR",
  postal_code: "97201",
  country: "US",
} as const;

/** Percent of the taxable amount, per destination country; anywhere else 10 %. */
export const DEMO_TAX_RATES: Record<string, number> = { US: 8, CA: 5, GB: 20, DE: 19, FR: 20, NL: 21, AU: 10 };

export type ShippingRate = {
  id: string;
  object: "shipping_rate";
  active: boolean;
  display_name: string;
  type: "fixed_amount";
  fixed_amount: { amount: number; currency: string };
  tax_behavior: string;
  delivery_estimate: unknown;
  metadata: Record<string, string>;
  created: number;
};

export type Coupon = {
  id: string;
  object: "coupon";
  name: string | null;
  percent_off: number | null;
  amount_off: number | null;
  currency: string | null;
  duration: string;
  valid: boolean;
  metadata: Record<string, string>;
  created: number;
};

/** What a session was opened with beyond its line items. */
export type SessionExtras = {
  allowedCountries: string[];
  shippingRateIds: string[];
  couponId: string | null;
  automaticTax: boolean;
  phoneRequired: boolean;
};

type Result = { status: number; body: unknown };
const int = (value: unknown) => (typeof value === "string" && /^\d+$/.test(value) ? Number(value) : NaN);

export class CheckoutExtras {
  readonly rates = new Map<string, ShippingRate>();
  readonly coupons = new Map<string, Coupon>();

  createShippingRate(params: Record<string, unknown>): Result {
    const fixed = params.fixed_amount as { amount?: string; currency?: string } | undefined;
    const amount = int(fixed?.amount);
    if (typeof params.display_name !== "string" || !params.display_name)
      return stripeError(400, "Missing required param: display_name.", "display_name");
    if (!(amount >= 0) || !/^[a-z]{3}$/.test(fixed?.currency ?? ""))
      return stripeError(400, "Invalid fixed_amount.", "fixed_amount");
    const rate: ShippingRate = {
      id: newId("shr"),
      object: "shipping_rate",
      active: true,
      display_name: params.display_name,
      type: "fixed_amount",
      fixed_amount: { amount, currency: fixed!.currency! },
      tax_behavior: typeof params.tax_behavior === "string" ? params.tax_behavior : "unspecified",
      delivery_estimate: params.delivery_estimate ?? null,
      metadata: (params.metadata as Record<string, string>) ?? {},
      created: nowSeconds(),
    };
    this.rates.set(rate.id, rate);
    return { status: 200, body: rate };
  }

  createCoupon(params: Record<string, unknown>): Result {
    const percent = params.percent_off === undefined ? null : Number(params.percent_off);
    const amount = params.amount_off === undefined ? null : int(params.amount_off);
    if ((percent === null) === (amount === null))
      return stripeError(400, "Provide exactly one of percent_off or amount_off.", "percent_off");
    if (percent !== null && !(percent > 0 && percent <= 100))
      return stripeError(400, "Invalid percent_off.", "percent_off");
    if (amount !== null && (!(amount > 0) || typeof params.currency !== "string"))
      return stripeError(400, "amount_off needs a positive amount and a currency.", "amount_off");
    const coupon: Coupon = {
      id: newId("coupon"),
      object: "coupon",
      name: typeof params.name === "string" ? params.name : null,
      percent_off: percent,
      amount_off: amount,
      currency: amount !== null ? (params.currency as string) : null,
      duration: typeof params.duration === "string" ? params.duration : "once",
      valid: true,
      metadata: (params.metadata as Record<string, string>) ?? {},
      created: nowSeconds(),
    };
    this.coupons.set(coupon.id, coupon);
    return { status: 200, body: coupon };
  }

  /** The session's extras, or Stripe's error for an unknown rate or coupon (resource_missing). */
  readSessionParams(params: Record<string, unknown>, currency: string): SessionExtras | Result {
    const collection = params.shipping_address_collection as { allowed_countries?: string[] } | undefined;
    const allowedCountries = collection?.allowed_countries ?? [];
    if (collection && (!Array.isArray(allowedCountries) || allowedCountries.length === 0))
      return stripeError(400, "allowed_countries must name at least one country.", "shipping_address_collection");
    const options = (params.shipping_options as { shipping_rate?: string }[] | undefined) ?? [];
    if (options.length > 5) return stripeError(400, "At most 5 shipping options.", "shipping_options");
    const shippingRateIds: string[] = [];
    for (const [index, option] of options.entries()) {
      const rate = this.rates.get(option.shipping_rate ?? "");
      if (!rate)
        return missing(`No such shipping rate: '${option.shipping_rate}'`, `shipping_options[${index}][shipping_rate]`);
      if (rate.fixed_amount.currency !== currency)
        return stripeError(400, "The shipping rate's currency must match the line items'.", "shipping_options");
      shippingRateIds.push(rate.id);
    }
    const discounts = (params.discounts as { coupon?: string }[] | undefined) ?? [];
    if (discounts.length > 1) return stripeError(400, "Only one discount per session.", "discounts");
    if (discounts.length && params.allow_promotion_codes === "true")
      return stripeError(
        400,
        "You may only specify one of these parameters: allow_promotion_codes, discounts.",
        "discounts",
      );
    const couponId = discounts[0]?.coupon ?? null;
    if (couponId !== null) {
      const coupon = this.coupons.get(couponId);
      if (!coupon) return missing(`No such coupon: '${couponId}'`, "discounts[0][coupon]");
      if (coupon.currency && coupon.currency !== currency)
        return stripeError(400, "The coupon's currency must match the session's.", "discounts");
    }
    const tax = params.automatic_tax as { enabled?: string } | undefined;
    const phone = params.phone_number_collection as { enabled?: string } | undefined;
    return {
      allowedCountries,
      shippingRateIds,
      couponId,
      automaticTax: tax?.enabled === "true",
      phoneRequired: phone?.enabled === "true",
    };
  }

  /** The discount the session's coupon takes off these items (shown before the shopper pays). */
  discountFor(extras: SessionExtras, subtotal: number): number {
    const coupon = extras.couponId ? this.coupons.get(extras.couponId) : undefined;
    if (!coupon) return 0;
    return Math.min(
      subtotal,
      coupon.percent_off !== null ? Math.round((subtotal * coupon.percent_off) / 100) : (coupon.amount_off ?? 0),
    );
  }

  /** Fills in what a payment collected and charged; an error message for the page when incomplete. */
  complete(session: CheckoutSession, items: LineItem[], extras: SessionExtras, form: URLSearchParams): string | null {
    const field = (name: string) => form.get(name)?.trim() ?? "";
    const country = field("country").toUpperCase();
    const needsAddress = extras.allowedCountries.length > 0;
    if (needsAddress) {
      if (!extras.allowedCountries.includes(country)) return "Choose a country this store ships to.";
      const required: [string, string][] = [
        ["name", "your name"],
        ["line1", "the street address"],
        ["city", "the town or city"],
        ["postal_code", "the postal code"],
      ];
      for (const [name, label] of required) if (!field(name)) return `Enter ${label}.`;
    }
    if (extras.phoneRequired && !/^\+?[\d ()-]{6,20}$/.test(field("phone"))) return "Enter a phone number.";
    // Like Stripe's page, the first option is chosen until the shopper picks another.
    const rate = extras.shippingRateIds.length
      ? this.rates.get(field("shipping_rate") || extras.shippingRateIds[0]!)
      : undefined;
    if (extras.shippingRateIds.length && (!rate || !extras.shippingRateIds.includes(rate.id)))
      return "Choose a shipping option.";
    const subtotal = items.reduce((sum, item) => sum + item.amount_subtotal, 0);
    const coupon = extras.couponId ? this.coupons.get(extras.couponId) : undefined;
    const discount = this.discountFor(extras, subtotal);
    const shipping = rate?.fixed_amount.amount ?? 0;
    const percent = extras.automaticTax ? (DEMO_TAX_RATES[country] ?? 10) : 0;
    const itemsTax = Math.round(((subtotal - discount) * percent) / 100);
    const shippingTax = Math.round((shipping * percent) / 100);
    Object.assign(session, {
      amount_subtotal: subtotal,
      amount_total: subtotal - discount + shipping + itemsTax + shippingTax,
      total_details: { amount_discount: discount, amount_shipping: shipping, amount_tax: itemsTax + shippingTax },
      shipping_cost: rate
        ? {
            amount_subtotal: shipping,
            amount_tax: shippingTax,
            amount_total: shipping + shippingTax,
            shipping_rate: rate.id,
          }
        : null,
      collected_information: needsAddress
        ? {
            business_name: null,
            individual_name: null,
            shipping_details: {
              name: field("name"),
              address: {
                line1: field("line1"),
                line2: field("line2") || null,
                city: field("city"),
                state: field("state") || null,
                postal_code: field("postal_code"),
                country,
              },
            },
          }
        : null,
      discounts: coupon ? [{ coupon: coupon.id, promotion_code: null }] : [],
      customer_details: {
        email: field("email") || session.customer_email,
        phone: field("phone") || null,
        name: field("name") || null,
      },
    });
    return null;
  }
}

function missing(message: string, param: string): Result {
  const error = stripeError(400, message, param);
  return { status: 400, body: { error: { ...(error.body.error as object), code: "resource_missing" } } };
}
