// Stripe-shaped objects for the few resources Bulwark uses.
import { randomBytes } from "node:crypto";

export const newId = (prefix: string) => `${prefix}_test_${randomBytes(12).toString("hex")}`;
export const nowSeconds = () => Math.floor(Date.now() / 1000);

export type LineItem = {
  id: string;
  object: "item";
  description: string;
  quantity: number;
  currency: string;
  amount_total: number;
  amount_subtotal: number;
  price: { unit_amount: number; currency: string };
};

export type CheckoutSession = {
  id: string;
  object: "checkout.session";
  mode: "payment";
  status: "open" | "complete" | "expired";
  payment_status: "unpaid" | "paid";
  amount_subtotal: number;
  amount_total: number;
  currency: string;
  client_reference_id: string | null;
  customer_email: string | null;
  customer_details: { email: string | null; phone?: string | null; name?: string | null } | null;
  metadata: Record<string, string>;
  payment_intent: string | null;
  success_url: string;
  cancel_url: string;
  expires_at: number;
  created: number;
  livemode: false;
  url: string | null;
};

export type Refund = {
  id: string;
  object: "refund";
  amount: number;
  charge: string;
  currency: string;
  payment_intent: string;
  status: "succeeded";
  created: number;
};

export function stripeError(status: number, message: string, param?: string) {
  return {
    status,
    body: {
      error: {
        type: status === 401 ? "invalid_request_error" : "invalid_request_error",
        message,
        ...(param ? { param } : {}),
      },
    },
  };
}

export function eventOf(type: string, object: unknown) {
  return {
    id: newId("evt"),
    object: "event",
    api_version: "2026-10-28.endive",
    created: nowSeconds(),
    livemode: false,
    pending_webhooks: 1,
    type,
    data: { object },
  };
}
