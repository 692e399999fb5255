import { describe, expect, it } from "vitest";
import { clampQuantity, MAX_QUANTITY_PER_LINE, mergeQuantities, summarize } from "@/lib/cart/cart-math";
import { canTransition, type OrderStatus } from "@/lib/orders/order-state";
import { decodeStripeForm } from "@/scripts/stripe-emulator/form-decode";
import { tagAsvs } from "@/security/asvs-ids";

describe("cart maths", () => {
  it.each([
    [3, 10, 3],
    [0, 10, 0],
    [-4, 10, 0],
    [2.7, 10, 2],
    [50, 100, MAX_QUANTITY_PER_LINE],
    [5, 2, 2],
    [5, 0, 0],
    [5, -3, 0],
    [Number.NaN, 10, 0],
    [Number.POSITIVE_INFINITY, 10, 0],
  ])("clamps %s with %s in stock to %s", (requested, stock, expected) => {
    expect(clampQuantity(requested, stock)).toBe(expected);
  });

  it("totals lines in minor units without floating point", () => {
    expect(
      summarize([
        { unitPriceMinor: 1999, quantity: 3 },
        { unitPriceMinor: 1, quantity: 1 },
      ]),
    ).toEqual({ subtotalMinor: 5998, itemCount: 4 });
    expect(summarize([])).toEqual({ subtotalMinor: 0, itemCount: 0 });
  });

  it("merges a guest cart into the shopper's, capped by stock and the line limit", () => {
    const merged = mergeQuantities(
      [
        { variantId: "a", quantity: 2 },
        { variantId: "b", quantity: 9 },
      ],
      [
        { variantId: "a", quantity: 3 },
        { variantId: "b", quantity: 9 },
        { variantId: "c", quantity: 1 },
        { variantId: "d", quantity: 4 },
      ],
      new Map([
        ["a", 4],
        ["b", 100],
        ["c", 0],
        ["d", 2],
      ]),
    );
    expect(Object.fromEntries(merged)).toEqual({ a: 4, b: MAX_QUANTITY_PER_LINE, d: 2 });
  });
});

describe("order state machine", () => {
  const statuses: OrderStatus[] = ["PENDING", "PAID", "FULFILLED", "CANCELLED", "EXPIRED", "REFUNDED"];
  const allowed = new Set([
    "PENDING>PAID",
    "PENDING>CANCELLED",
    "PENDING>EXPIRED",
    "PENDING>REFUNDED",
    "EXPIRED>PAID",
    "EXPIRED>REFUNDED",
    "EXPIRED>CANCELLED",
    "CANCELLED>REFUNDED",
    "PAID>FULFILLED",
    "PAID>REFUNDED",
    "FULFILLED>REFUNDED",
  ]);

  it.each(statuses.flatMap((from) => statuses.map((to) => [from, to] as const)))("%s → %s", (from, to) => {
    expect(canTransition(from, to)).toBe(allowed.has(`${from}>${to}`));
  });

  it(`${tagAsvs("V11.1.1")} never moves a paid order back`, () => {
    for (const to of ["PENDING", "EXPIRED", "CANCELLED"] as const) expect(canTransition("PAID", to)).toBe(false);
  });
});

describe("the emulator's form decoding", () => {
  it("reads the Stripe SDK's bracket notation into objects and arrays", () => {
    const body = new URLSearchParams({
      mode: "payment",
      "line_items[0][quantity]": "2",
      "line_items[0][price_data][currency]": "usd",
      "line_items[0][price_data][unit_amount]": "1999",
      "line_items[1][quantity]": "1",
      "metadata[orderId]": "o1",
    }).toString();
    expect(decodeStripeForm(body)).toEqual({
      mode: "payment",
      line_items: [{ quantity: "2", price_data: { currency: "usd", unit_amount: "1999" } }, { quantity: "1" }],
      metadata: { orderId: "o1" },
    });
  });
});
