import { handleStripeWebhook } from "@/lib/payments/stripe-webhook";
import { externalRoute } from "@/lib/security/guard";

/** POST /api/webhooks/stripe: Stripe's events, authenticated by the signature over the raw body. */
export const POST = externalRoute(
  { name: "api.webhooks.stripe", reason: "Stripe signature over the raw body (300 s, not from the future)" },
  (request: Request) => handleStripeWebhook(request),
);
