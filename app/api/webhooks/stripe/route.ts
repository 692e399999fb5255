import { handleStripeWebhook } from "@/lib/payments/stripe-webhook";

export async function POST(request: Request) {
  return handleStripeWebhook(request);
}
