import { z } from "zod";

// What Bulwark reads from a Stripe event, checked after the signature and before anything is
// applied. A correctly signed event of a shape we do not expect is acknowledged and recorded,
// never retried for days and never a 500: Stripe would only send it again, unchanged.

const id = z.string().min(1).max(255);
const expandable = z
  .union([id, z.looseObject({ id })])
  .nullable()
  .optional();

const amount = z.number().int().min(0);
const text = (max: number) => z.string().max(max).nullable().optional();

export const addressSchema = z.looseObject({
  line1: text(200),
  line2: text(200),
  city: text(200),
  state: text(200),
  postal_code: text(40),
  country: z.string().length(2).nullable().optional(),
});

export const checkoutSessionSchema = z.looseObject({
  id,
  client_reference_id: z.string().max(255).nullable().optional(),
  amount_subtotal: amount.nullable().optional(),
  amount_total: amount.nullable(),
  currency: z.string().min(3).max(3).nullable(),
  payment_status: z.enum(["paid", "unpaid", "no_payment_required"]),
  payment_intent: expandable,
  customer_details: z
    .looseObject({ email: text(320), phone: text(40), name: text(200) })
    .nullable()
    .optional(),
  // What Stripe collected and charged beyond the line items (checked in lib/orders/charged-amounts.ts).
  total_details: z
    .looseObject({ amount_discount: amount, amount_shipping: amount.nullable().optional(), amount_tax: amount })
    .nullable()
    .optional(),
  shipping_cost: z
    .looseObject({ amount_subtotal: amount, amount_tax: amount, amount_total: amount, shipping_rate: expandable })
    .nullable()
    .optional(),
  collected_information: z
    .looseObject({
      shipping_details: z
        .looseObject({ name: text(200), address: addressSchema })
        .nullable()
        .optional(),
    })
    .nullable()
    .optional(),
  discounts: z
    .array(z.looseObject({ coupon: expandable, promotion_code: expandable }))
    .max(20)
    .nullable()
    .optional(),
});

export const chargeSchema = z.looseObject({
  id,
  payment_intent: expandable,
  refunded: z.boolean(),
  amount_refunded: z.number().int().min(0),
});

const envelope = z.looseObject({ id, type: z.string().min(1).max(100), data: z.looseObject({ object: z.unknown() }) });

export const SESSION_EVENT_TYPES = [
  "checkout.session.completed",
  "checkout.session.async_payment_succeeded",
  "checkout.session.async_payment_failed",
  "checkout.session.expired",
] as const;

export type CheckoutSessionObject = z.infer<typeof checkoutSessionSchema>;
export type ChargeObject = z.infer<typeof chargeSchema>;

export type StripeEventInput =
  | { id: string; type: (typeof SESSION_EVENT_TYPES)[number]; session: CheckoutSessionObject }
  | { id: string; type: "charge.refunded"; charge: ChargeObject }
  | { id: string; type: "other"; stripeType: string };

export type ParsedStripeEvent =
  { ok: true; event: StripeEventInput } | { ok: false; id: string | null; problem: string };

/** Parses a verified payload; never throws. */
export function parseStripeEvent(payload: string): ParsedStripeEvent {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return { ok: false, id: null, problem: "not JSON" };
  }
  const outer = envelope.safeParse(json);
  if (!outer.success) {
    const maybeId = (json as { id?: unknown } | null)?.id;
    return { ok: false, id: id.safeParse(maybeId).success ? String(maybeId) : null, problem: "not an event" };
  }
  const { id: eventId, type, data } = outer.data;
  if ((SESSION_EVENT_TYPES as readonly string[]).includes(type)) {
    const session = checkoutSessionSchema.safeParse(data.object);
    if (!session.success) return { ok: false, id: eventId, problem: `unexpected ${type} object` };
    return {
      ok: true,
      event: { id: eventId, type: type as StripeEventInput["type"] & `checkout.${string}`, session: session.data },
    };
  }
  if (type === "charge.refunded") {
    const charge = chargeSchema.safeParse(data.object);
    if (!charge.success) return { ok: false, id: eventId, problem: "unexpected charge object" };
    return { ok: true, event: { id: eventId, type, charge: charge.data } };
  }
  return { ok: true, event: { id: eventId, type: "other", stripeType: type } };
}

/** The id of an expandable field (`"pi_…"` or `{ id: "pi_…" }`). */
export const idOf = (value: z.infer<typeof expandable>): string | null =>
  typeof value === "string" ? value : (value?.id ?? null);
