import Stripe from "stripe";
import { EMULATOR_SECRET_KEY, EMULATOR_WEBHOOK_SECRET } from "@/lib/payments/stripe-config";
import { startStripeEmulator, type StripeEmulator } from "@/scripts/stripe-emulator/server";

/**
 * Starts the Stripe emulator in-process and points this test file's app code at it. Call it in
 * beforeAll, before anything reads the configuration. Webhooks go nowhere: tests sign their own
 * events and hand them to the handler, so they control order and timing.
 */
export async function useStripeEmulator(): Promise<StripeEmulator> {
  const emulator = await startStripeEmulator({
    secretKey: EMULATOR_SECRET_KEY,
    webhookSecret: EMULATOR_WEBHOOK_SECRET,
    webhookUrl: "http://127.0.0.1:9/nowhere",
  });
  process.env.STRIPE_API_URL = emulator.url.replace("localhost", "127.0.0.1");
  return emulator;
}

const signer = new Stripe("sk_test_signer_only");

export function signedWebhook(
  event: { id: string; type: string; data: { object: unknown } },
  options: { secret?: string; timestamp?: number; tamper?: (payload: string) => string } = {},
): Request {
  const payload = JSON.stringify({
    object: "event",
    api_version: "2026-10-28.endive",
    created: Math.floor(Date.now() / 1000),
    livemode: false,
    ...event,
  });
  const header = signer.webhooks.generateTestHeaderString({
    payload,
    secret: options.secret ?? EMULATOR_WEBHOOK_SECRET,
    ...(options.timestamp ? { timestamp: options.timestamp } : {}),
  });
  return new Request("http://localhost/api/webhooks/stripe", {
    method: "POST",
    headers: { "content-type": "application/json", "stripe-signature": header },
    body: options.tamper ? options.tamper(payload) : payload,
  });
}

let counter = 0;
export const eventId = () => `evt_test_${Date.now()}_${counter++}`;

/** The webhook route as Stripe reaches it (app/api/webhooks/stripe/route.ts). */
export async function handleStripeWebhook(request: Request): Promise<Response> {
  const { POST } = await import("@/app/api/webhooks/stripe/route");
  return POST(request, undefined);
}
