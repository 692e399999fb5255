import { describe, expect, it } from "vitest";
import { describeOrderStatus } from "@/lib/orders/order-state";
import { buildOrderTimeline } from "@/lib/orders/order-timeline";
import { trackingUrlFor } from "@/lib/orders/shipping";

const at = (minute: number) => new Date(Date.UTC(2026, 11, 6, 10, minute));
const order = {
  status: "FULFILLED" as const,
  currency: "USD",
  createdAt: at(0),
  updatedAt: at(30),
  paidAt: at(1),
  cancelledAt: null,
};
const events = [
  { kind: "refund_failed", amountMinor: 500, actorEmail: "m@shop.test", details: "{}", createdAt: at(4) },
  {
    kind: "shipped",
    amountMinor: null,
    actorEmail: "m@shop.test",
    details: JSON.stringify({ carrier: "OTHER", carrierName: "Fjord Post", trackingNumber: "FP1234" }),
    createdAt: at(3),
  },
  {
    kind: "refund_requested",
    amountMinor: 1250,
    actorEmail: "m@shop.test",
    details: JSON.stringify({ lines: ["1 × Mug (Blue)"] }),
    createdAt: at(5),
  },
  { kind: "refund_confirmed", amountMinor: 1250, actorEmail: null, details: '{"full":false}', createdAt: at(6) },
];

describe("the order timeline", () => {
  it("orders what happened by time, with amounts, lines and the actor for the merchant", () => {
    const entries = buildOrderTimeline(order, events, "merchant");
    expect(entries.map((entry) => entry.text)).toEqual([
      "Order placed",
      "Payment received",
      "Shipped with Fjord Post, tracking number FP1234",
      "Refund of $5.00 refused by the payment provider",
      "Refund of $12.50 requested (1 × Mug (Blue))",
      "Refunded $12.50",
    ]);
    expect(entries[2]).toMatchObject({ actor: "m@shop.test" });
    expect(entries[2]!.trackingUrl).toBeUndefined();
  });

  it("shows the shopper no actor and no refused refund", () => {
    const entries = buildOrderTimeline(order, events, "shopper");
    expect(entries.map((entry) => entry.kind)).toEqual([
      "placed",
      "paid",
      "shipped",
      "refund_requested",
      "refund_confirmed",
    ]);
    expect(entries.some((entry) => "actor" in entry)).toBe(false);
  });

  it("dates an expiry and a cancellation", () => {
    expect(buildOrderTimeline({ ...order, status: "EXPIRED", paidAt: null }, [], "shopper").map((e) => e.kind)).toEqual(
      ["placed", "expired"],
    );
    expect(
      buildOrderTimeline({ ...order, status: "CANCELLED", paidAt: null, cancelledAt: at(2) }, [], "shopper").map(
        (e) => e.kind,
      ),
    ).toEqual(["placed", "cancelled"]);
  });
});

describe("status and tracking links", () => {
  it("reads a partly refunded paid or shipped order as such, without a state of its own", () => {
    expect(describeOrderStatus("PAID", 0)).toBe("Paid");
    expect(describeOrderStatus("PAID", 100)).toBe("Paid · partially refunded");
    expect(describeOrderStatus("FULFILLED", 100)).toBe("Shipped · partially refunded");
    expect(describeOrderStatus("REFUNDED", 100)).toBe("Refunded");
  });

  it("builds tracking links only for known carriers and plain numbers", () => {
    expect(trackingUrlFor("DHL", "JD0140000123")).toBe(
      "https://www.dhl.com/global-en/home/tracking.html?tracking-id=JD0140000123",
    );
    expect(trackingUrlFor("OTHER", "JD0140000123")).toBeNull();
    expect(trackingUrlFor("UPS", "1Z/../evil")).toBeNull();
    expect(trackingUrlFor("toString", "1Z999")).toBeNull();
  });
});

describe("the carrier's name", () => {
  it("is a name: no address a mail client would turn into a link, no hidden characters", async () => {
    const { shipOrderSchema } = await import("@/lib/orders/shipping");
    const ship = (carrierName: string) =>
      shipOrderSchema.safeParse({ id: "o1", carrier: "OTHER", carrierName, trackingNumber: "AB12345678" }).success;
    expect(ship("Harbour Couriers")).toBe(true);
    expect(ship("Poste Italiane")).toBe(true);
    for (const name of [
      "Track at https://evil.example/pay?x=1",
      "www.evil.example",
      "evil.com couriers",
      "pay@evil.example",
      "Couriers\u202eevil",
      "Line\u2028break",
    ])
      expect(ship(name), name).toBe(false);
  });
});
