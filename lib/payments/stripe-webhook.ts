import "server-only";
import { createHash } from "node:crypto";
import { getPlatformDb, Prisma } from "@/lib/db";
import { readTextCapped } from "@/lib/security/read-body";
import { readRequestMeta } from "@/lib/security/request-context";
import { addressPrefix, recordAggregatedSecurityEvent } from "@/lib/telemetry/aggregate-events";
import { logEvent } from "@/lib/telemetry/logger";
import { recordSecurityEvent, type SecurityEventInput } from "@/lib/telemetry/security-events";
import { applyStripeEvent } from "./apply-stripe-event";
import { getStripe } from "./stripe-client";
import { getStripeSettings } from "./stripe-config";
import { parseStripeEvent, type StripeEventInput } from "./stripe-event-schema";

/** Stripe's default; a signed payload older than this is a replay. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
/** The SDK checks only age: a timestamp this far ahead of our clock is refused too. */
export const FUTURE_TOLERANCE_SECONDS = 300;
export const MAX_PAYLOAD_BYTES = 512 * 1024;
/** Failed signatures are counted per client and written once per window. */
export const SIGNATURE_FAILURE_WINDOW_MS = 60_000;

const json = (status: number, body: unknown) =>
  Response.json(body, { status, headers: { "Cache-Control": "no-store" } });

/** Checks the signature over the raw bytes, its age, and that it is not from the future. */
function verifySignature(payload: string, header: string | null, receivedAt: number): string | null {
  if (!header) return "no Stripe-Signature header";
  // Exactly one timestamp, digits only: the SDK reads the last `t=` with parseInt, so "t=1,t=2"
  // or "t=2x" would let a timestamp other than the one checked here be verified.
  const timestamps = header.split(",").filter((part) => part.trim().startsWith("t="));
  const timestamp = timestamps.length === 1 ? /^\s*t=(\d{1,12})\s*$/.exec(timestamps[0]!)?.[1] : undefined;
  if (!timestamp) return "malformed timestamp";
  if (Number(timestamp) > receivedAt / 1000 + FUTURE_TOLERANCE_SECONDS) return "timestamp in the future";
  const verifier = getStripe().webhooks.signature;
  if (!verifier) return "no signature verifier";
  try {
    verifier.verifyHeader(
      payload,
      header,
      getStripeSettings().webhookSecret,
      SIGNATURE_TOLERANCE_SECONDS,
      undefined,
      receivedAt,
    );
    return null;
  } catch (error) {
    return String(error instanceof Error ? error.message : error).slice(0, 200);
  }
}

type Outcome = { outcome: string; followUps: SecurityEventInput[] };

/** Records the event id and applies it in one transaction; a duplicate id is a no-op. */
async function recordAndApply(event: StripeEventInput, payload: string): Promise<Outcome> {
  const followUps: SecurityEventInput[] = [];
  const db = await getPlatformDb();
  const outcome = await db.$transaction(
    async (tx) => {
      if (await tx.webhookEvent.findUnique({ where: { id: event.id } })) return "duplicate";
      const type = event.type === "other" ? event.stripeType : event.type;
      await tx.webhookEvent.create({ data: { id: event.id, type } });
      const result = await applyStripeEvent(tx, event, followUps);
      const deferred = typeof result === "object";
      await tx.webhookEvent.update({
        where: { id: event.id },
        data: deferred
          ? { outcome: "deferred", deferredOn: result.defer, payload }
          : { processedAt: new Date(), outcome: result },
      });
      return deferred ? "deferred" : result;
    },
    { maxWait: 15_000, timeout: 15_000 },
  );
  return { outcome, followUps };
}

/** A signed event of a shape we do not read: acknowledged and kept once, so Stripe stops sending it. */
async function recordMalformed(id: string | null, payload: string, problem: string): Promise<string> {
  const eventId = id ?? `malformed_${createHash("sha256").update(payload).digest("hex").slice(0, 40)}`;
  const db = await getPlatformDb();
  await db.webhookEvent
    .create({ data: { id: eventId, type: "malformed", processedAt: new Date(), outcome: `malformed: ${problem}` } })
    .catch((error: unknown) => {
      if (!(error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")) throw error;
    });
  return eventId;
}

/**
 * POST /api/webhooks/stripe. Not behind the session guard: Stripe authenticates with the
 * signature over the raw body, and the tenant comes from our own order, never from the request.
 * Each event id is applied once (WebhookEvent), inside one transaction with its effects, so a
 * failure leaves nothing half-applied and answers 500 for Stripe to retry.
 */
export async function handleStripeWebhook(request: Request, receivedAt = Date.now()): Promise<Response> {
  const meta = readRequestMeta(request.headers, "/api/webhooks/stripe");
  const read = await readTextCapped(request, MAX_PAYLOAD_BYTES);
  if (!read.ok && read.reason === "too-large") return json(413, { error: "Payload too large." });
  if (!read.ok) return json(400, { error: "The payload could not be read." });
  const payload = read.text;

  const failure = verifySignature(payload, request.headers.get("stripe-signature"), receivedAt);
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
    return json(400, { error: "Invalid signature." });
  }

  const parsed = parseStripeEvent(payload);
  try {
    if (!parsed.ok) {
      const id = await recordMalformed(parsed.id, payload, parsed.problem);
      logEvent("warn", "stripe_webhook_malformed", { eventId: id, problem: parsed.problem });
      return json(200, { received: true, outcome: "malformed" });
    }
    const { outcome, followUps } = await recordAndApply(parsed.event, payload);
    for (const followUp of followUps) await recordSecurityEvent({ ...followUp, ip: meta.ip, route: meta.route });
    logEvent("info", "stripe_webhook", { eventId: parsed.event.id, type: parsed.event.type, outcome });
    return json(200, { received: true, outcome });
  } catch (error) {
    // Two deliveries of one event racing: the loser's insert hits the unique id. Already applied.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      return json(200, { received: true, outcome: "duplicate" });
    const eventId = parsed.ok ? parsed.event.id : parsed.id;
    logEvent("error", "stripe_webhook_failed", { eventId, error: String(error) });
    return json(500, { error: "Processing failed; Stripe will retry." });
  }
}
