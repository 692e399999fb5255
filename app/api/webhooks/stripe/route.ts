import { receiveStripeEvent } from "@/lib/orders/receive-stripe-event";
import {
  MAX_PAYLOAD_BYTES,
  SIGNATURE_FAILURE_WINDOW_MS,
  verifyStripeSignature,
} from "@/lib/payments/webhook-signature";
import { externalRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { readTextCapped } from "@/lib/security/read-body";
import { readRequestMeta } from "@/lib/security/request-context";
import { addressPrefix } from "@/lib/security/client-ip";
import { recordAggregatedSecurityEvent } from "@/lib/telemetry/aggregate-events";

/**
 * POST /api/webhooks/stripe. Not behind the session guard: Stripe authenticates with the
 * signature over the raw body (read through the capped reader), and the tenant comes from our own
 * order, never from the request. Failed signatures are counted per client prefix and written once
 * a minute. An event that could not be applied answers 500, and Stripe retries it.
 */
export const POST = externalRoute(
  { name: "api.webhooks.stripe", reason: "Stripe signature over the raw body (300 s, not from the future)" },
  async (request: Request) => {
    const meta = readRequestMeta(request.headers, "/api/webhooks/stripe");
    const read = await readTextCapped(request, MAX_PAYLOAD_BYTES);
    if (!read.ok)
      return jsonNoStore(
        { error: read.reason === "too-large" ? "Payload too large." : "Unreadable payload." },
        read.reason === "too-large" ? 413 : 400,
      );
    const failure = verifyStripeSignature(read.text, request.headers.get("stripe-signature"), Date.now());
    if (failure) {
      recordAggregatedSecurityEvent(
        `webhook.signature_invalid:${addressPrefix(meta.ip)}`,
        {
          type: "webhook.signature_invalid",
          severity: "WARNING",
          ip: meta.ip,
          route: meta.route,
          details: { reason: failure },
        },
        SIGNATURE_FAILURE_WINDOW_MS,
      );
      return jsonNoStore({ error: "Invalid signature." }, 400);
    }
    try {
      return jsonNoStore({ received: true, outcome: await receiveStripeEvent(read.text, meta) });
    } catch {
      return jsonNoStore({ error: "Processing failed; Stripe will retry." }, 500);
    }
  },
);
