import "server-only";
import type Stripe from "stripe";
import { getPlatformDb, Prisma } from "@/lib/db";
import { readRequestMeta } from "@/lib/security/request-context";
import { logEvent } from "@/lib/telemetry/logger";
import { recordSecurityEvent, type SecurityEventInput } from "@/lib/telemetry/security-events";
import { applyStripeEvent } from "./apply-stripe-event";
import { getStripe } from "./stripe-client";
import { getStripeSettings } from "./stripe-config";

/** Stripe's default; a signed payload older than this is a replay. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
const MAX_PAYLOAD_BYTES = 512 * 1024;

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/**
 * POST /api/webhooks/stripe. Not behind the session guard: Stripe authenticates with the
 * signature over the raw body, and the tenant comes from our own order, never from the request.
 * Each event id is applied once (WebhookEvent), inside one transaction with its effects, so a
 * failure leaves nothing half-applied and answers 500 for Stripe to retry.
 */
export async function handleStripeWebhook(request: Request, receivedAt = Date.now()): Promise<Response> {
  const meta = readRequestMeta(request.headers, "/api/webhooks/stripe");
  const payload = await request.text();
  if (payload.length > MAX_PAYLOAD_BYTES) return json(413, { error: "Payload too large." });
  const signature = request.headers.get("stripe-signature");
  let event: Stripe.Event;
  try {
    if (!signature) throw new Error("No Stripe-Signature header");
    event = getStripe().webhooks.constructEvent(
      payload,
      signature,
      getStripeSettings().webhookSecret,
      SIGNATURE_TOLERANCE_SECONDS,
      undefined,
      receivedAt,
    );
  } catch (error) {
    await recordSecurityEvent({
      type: "webhook.signature_invalid",
      severity: "WARNING",
      ip: meta.ip,
      route: meta.route,
      details: { reason: String(error instanceof Error ? error.message : error).slice(0, 200) },
    });
    return json(400, { error: "Invalid signature." });
  }

  const followUps: SecurityEventInput[] = [];
  try {
    const db = await getPlatformDb();
    const outcome = await db.$transaction(
      async (tx) => {
        const seen = await tx.webhookEvent.findUnique({ where: { id: event.id } });
        if (seen) return "duplicate";
        await tx.webhookEvent.create({ data: { id: event.id, type: event.type } });
        const result = await applyStripeEvent(tx, event, followUps);
        await tx.webhookEvent.update({ where: { id: event.id }, data: { processedAt: new Date(), outcome: result } });
        return result;
      },
      { maxWait: 15_000, timeout: 15_000 },
    );
    for (const followUp of followUps) await recordSecurityEvent({ ...followUp, ip: meta.ip, route: meta.route });
    logEvent("info", "stripe_webhook", { eventId: event.id, type: event.type, outcome });
    return json(200, { received: true, outcome });
  } catch (error) {
    // Two deliveries of one event racing: the loser's insert hits the unique id. Already applied.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return json(200, { received: true, outcome: "duplicate" });
    logEvent("error", "stripe_webhook_failed", { eventId: event.id, type: event.type, error: String(error) });
    return json(500, { error: "Processing failed; Stripe will retry." });
  }
}
