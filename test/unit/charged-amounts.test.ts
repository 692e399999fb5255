import { describe, expect, it } from "vitest";
import type { DbTransaction } from "@/lib/db";
import { checkChargedAmounts, readShippingAddress } from "@/lib/orders/charged-amounts";
import type { CheckoutSessionObject } from "@/lib/payments/stripe-event-schema";

// Every rule of the paid-session check, one at a time and at its edges, against a small in-memory
// store (the integration suites drive the same check through signed webhooks on a real database).

type Row = Record<string, unknown>;
const matches = (row: Row, where: Row) => Object.entries(where).every(([key, value]) => row[key] === value);

function fakeTx(tables: Record<string, Row[]>): DbTransaction {
  const table = (name: string) => ({
    findFirst: async ({ where }: { where: Row }) => tables[name]?.find((row) => matches(row, where)) ?? null,
    findUnique: async ({ where }: { where: Row }) => tables[name]?.find((row) => matches(row, where)) ?? null,
    count: async ({ where }: { where: Row }) => tables[name]?.filter((row) => matches(row, where)).length ?? 0,
  });
  return {
    discountCode: table("discountCode"),
    orderItem: table("orderItem"),
    shippingRate: table("shippingRate"),
    tenant: table("tenant"),
  } as unknown as DbTransaction;
}

const order = {
  id: "o1",
  tenantId: "t1",
  currency: "eur",
  subtotalMinor: 10_000,
  discountCodeId: null as string | null,
  automaticTax: false,
};

const tables = (): Record<string, Row[]> => ({
  tenant: [{ id: "t1", shipsTo: "DE,FR" }],
  discountCode: [
    { id: "ten", tenantId: "t1", stripeCouponId: "co_ten", percentOff: 10, amountOffMinor: null },
    { id: "fixed", tenantId: "t1", stripeCouponId: "co_fixed", percentOff: null, amountOffMinor: 1_000 },
  ],
  // Three lines of this order, and more of another one that must not count.
  orderItem: [
    ...["a", "b", "c"].map((id) => ({ id, orderId: "o1", tenantId: "t1" })),
    ...["d", "e", "f", "g", "h"].map((id) => ({ id, orderId: "o2", tenantId: "t1" })),
  ],
  shippingRate: [
    { id: "r1", tenantId: "t1", stripeShippingRateId: "shr_1", currency: "eur", amountMinor: 500, name: "Standard" },
    { id: "r2", tenantId: "t1", stripeShippingRateId: "shr_usd", currency: "usd", amountMinor: 500, name: "US" },
  ],
});

function session(changes: Partial<CheckoutSessionObject> = {}): CheckoutSessionObject {
  return {
    id: "cs_1",
    amount_subtotal: 10_000,
    amount_total: 10_000,
    currency: "eur",
    payment_status: "paid",
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ...changes,
  };
}

const check = (changes: Partial<CheckoutSessionObject>, facts: Partial<typeof order> = {}, db = tables()) =>
  checkChargedAmounts(fakeTx(db), { ...order, ...facts }, session(changes));

const refused = (problem: RegExp) => ({ ok: false, problem: expect.stringMatching(problem) });

describe("a paid session's amounts", () => {
  it("are accepted when they are our order's, with no tax, no shipping and no address", async () => {
    expect(
      await check({ currency: "EUR", total_details: { amount_discount: 0, amount_shipping: null, amount_tax: 0 } }),
    ).toEqual({
      ok: true,
      amounts: {
        subtotalMinor: 10_000,
        discountMinor: 0,
        shippingMinor: 0,
        taxMinor: 0,
        shippingTaxMinor: 0,
        totalMinor: 10_000,
        shippingMethod: null,
        shippingRateId: null,
        shippingAddress: null,
        shippingPhone: null,
      },
    });
  });

  it("are refused, saying why, in another currency, without one, or without a total", async () => {
    expect(await check({ currency: "usd" })).toEqual(refused(/^charged 10000 usd, the order is in eur$/));
    expect(await check({ currency: null })).toEqual(refused(/the order is in eur/));
    expect(await check({ amount_total: null })).toEqual(refused(/^charged null eur/));
    expect(await check({ amount_subtotal: 9_000 })).toEqual(
      refused(/^items charged at 9000, the order's items come to 10000$/),
    );
    expect(await check({ amount_total: 10_001 })).toEqual(refused(/^charged 10001, its parts come to 10000$/));
  });
});

describe("a discount", () => {
  const discounted = (amount: number, coupons = ["co_ten"]) => ({
    amount_total: 10_000 - amount,
    total_details: { amount_discount: amount, amount_shipping: 0, amount_tax: 0 },
    discounts: coupons.map((coupon) => ({ coupon })),
  });

  it("is accepted up to the code's percentage plus a unit per line of this order", async () => {
    expect(await check(discounted(1_003), { discountCodeId: "ten" })).toMatchObject({
      ok: true,
      amounts: { discountMinor: 1_003, totalMinor: 8_997 },
    });
    expect(await check(discounted(1_004), { discountCodeId: "ten" })).toEqual(
      refused(/^a discount of 1004, more than the code's 1003$/),
    );
  });

  it("is refused with a second coupon beside the order's own, or with none", async () => {
    expect(await check(discounted(500, ["co_ten", "co_fixed"]), { discountCodeId: "ten" })).toEqual(
      refused(/^a discount of 500 this order's checkout did not offer$/),
    );
    expect(await check({ ...discounted(500), discounts: null }, { discountCodeId: "ten" })).toEqual(
      refused(/did not offer/),
    );
  });
});

describe("shipping", () => {
  const shipped = (rate: string, amount = 500) => ({
    amount_total: 10_000 + amount,
    total_details: { amount_discount: 0, amount_shipping: amount, amount_tax: 0 },
    shipping_cost: { amount_subtotal: amount, amount_tax: 0, amount_total: amount, shipping_rate: rate },
  });

  it("is accepted at one of the store's rates, and named on the order", async () => {
    expect(await check(shipped("shr_1"))).toMatchObject({
      ok: true,
      amounts: { shippingMinor: 500, shippingMethod: "Standard", shippingRateId: "r1", totalMinor: 10_500 },
    });
  });

  it("is refused at a rate in another currency or at another price than the rate's", async () => {
    expect(await check(shipped("shr_usd"))).toEqual(refused(/^shipping of 500 at a rate this store does not offer$/));
    expect(await check(shipped("shr_1", 400))).toEqual(refused(/at a rate this store does not offer/));
  });

  it("is refused when stated without a shipping cost", async () => {
    expect(
      await check({ amount_total: 10_500, total_details: { amount_discount: 0, amount_shipping: 500, amount_tax: 0 } }),
    ).toEqual(refused(/^shipping stated as 500, its shipping cost is 0$/));
  });
});

describe("tax", () => {
  const taxed = (tax: number, extra: Partial<CheckoutSessionObject> = {}, discount = 0) => ({
    amount_total: 10_000 - discount + tax,
    total_details: { amount_discount: discount, amount_shipping: 0, amount_tax: tax },
    ...extra,
  });

  it("is refused on a checkout without Stripe Tax", async () => {
    expect(await check(taxed(100))).toEqual(refused(/^tax of 100 on a checkout without Stripe Tax$/));
  });

  it("is accepted up to half of what it is charged on after the discount, and refused beyond", async () => {
    const code = { discountCodeId: "fixed", automaticTax: true };
    const discount = { discounts: [{ coupon: "co_fixed" }] };
    expect(await check(taxed(4_500, discount, 1_000), code)).toMatchObject({ ok: true, amounts: { taxMinor: 4_500 } });
    expect(await check(taxed(4_501, discount, 1_000), code)).toEqual(refused(/^tax of 4501 on 9000$/));
  });

  it("is refused when the shipping's share is more than the whole tax", async () => {
    const shipping = { amount_subtotal: 500, amount_tax: 300, amount_total: 800, shipping_rate: "shr_1" };
    expect(
      await check(
        {
          amount_total: 10_700,
          shipping_cost: shipping,
          total_details: { amount_discount: 0, amount_shipping: 500, amount_tax: 200 },
        },
        { automaticTax: true },
      ),
    ).toEqual(refused(/^tax of 200 on 10500$/));
  });
});

describe("the address", () => {
  const address = { line1: "1 Quay", line2: null, city: "Berlin", state: "BE", postal_code: "10115", country: "DE" };

  it("is recorded with every part, the shipping name before the customer's, and the phone", async () => {
    const result = await check({
      collected_information: { shipping_details: { name: "Ada", address } },
      customer_details: { name: "Grace", phone: "+49 30 1234" },
    });
    expect(result).toMatchObject({ ok: true, amounts: { shippingPhone: "+49 30 1234" } });
    expect(readShippingAddress(result.ok ? result.amounts.shippingAddress : null)).toEqual({
      name: "Ada",
      line1: "1 Quay",
      line2: "",
      city: "Berlin",
      state: "BE",
      postalCode: "10115",
      country: "DE",
    });
  });

  it("takes the customer's name, or none, when the shipping details have no name", async () => {
    const bare = { country: "FR" };
    const named = await check({
      collected_information: { shipping_details: { name: null, address: bare } },
      customer_details: { name: "Grace" },
    });
    expect(readShippingAddress(named.ok ? named.amounts.shippingAddress : null)).toMatchObject({ name: "Grace" });
    const anonymous = await check({ collected_information: { shipping_details: { address: bare } } });
    expect(readShippingAddress(anonymous.ok ? anonymous.amounts.shippingAddress : null)).toEqual({
      name: "",
      line1: "",
      line2: "",
      city: "",
      state: "",
      postalCode: "",
      country: "FR",
    });
  });

  it("is none when the details carry no country", async () => {
    expect(
      await check({
        collected_information: { shipping_details: { name: "Ada", address: { ...address, country: null } } },
      }),
    ).toMatchObject({ ok: true, amounts: { shippingAddress: null } });
  });

  it("is refused in a country the store does not ship to, or for a store that ships nowhere", async () => {
    const elsewhere = {
      collected_information: { shipping_details: { name: "Ada", address: { ...address, country: "US" } } },
    };
    expect(await check(elsewhere)).toEqual(refused(/^an address in US, where the store does not ship$/));
    const de = { collected_information: { shipping_details: { name: "Ada", address } } };
    expect(await check(de, {}, { ...tables(), tenant: [] })).toEqual(refused(/where the store does not ship/));
  });
});

describe("reading a stored address", () => {
  it("gives none for nothing, for text that is not JSON and for an object that is not an address", () => {
    for (const value of [null, "", "{not json", "5", '{"country":"DE"}', '{"line1":"1 Quay"}']) {
      expect(readShippingAddress(value), String(value)).toBeNull();
    }
    expect(readShippingAddress('{"country":"DE","line1":"1 Quay"}')).toMatchObject({ country: "DE" });
  });
});
