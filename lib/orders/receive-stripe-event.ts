import "server-only";
import { createHash } from "node:crypto";
import { getPlatformDb, Prisma } from "@/lib/db";
import { parseStripeEvent, type StripeEventInput } from "@/lib/payments/stripe-event-schema";
import { logEvent } from "@/lib/telemetry/logger";
import { recordSecurityEvent, type SecurityEventInput } from "@/lib/telemetry/security-events";
import { applyStripeEvent } from "./apply-stripe-event";

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
 * Applies a payload whose signature was verified: a known event is recorded by id and applied
 * once, in one transaction with its effects; an unknown shape is recorded once and acknowledged
 * (Stripe would only send it again). Throws when applying failed, so Stripe retries; a concurrent
 * duplicate delivery is reported as such.
 */
export async function receiveStripeEvent(payload: string, meta: { ip: string; route: string }): Promise<string> {
  const parsed = parseStripeEvent(payload);
  if (!parsed.ok) {
    const id = await recordMalformed(parsed.id, payload, parsed.problem);
    logEvent("warn", "stripe_webhook_malformed", { eventId: id, problem: parsed.problem });
    return "malformed";
  }
  try {
    const { outcome, followUps } = await recordAndApply(parsed.event, payload);
    for (const followUp of followUps) await recordSecurityEvent({ ...followUp, ip: meta.ip, route: meta.route });
    logEvent("info", "stripe_webhook", { eventId: parsed.event.id, type: parsed.event.type, outcome });
    return outcome;
  } catch (error) {
    // Two deliveries of one event racing: the loser's insert hits the unique id. Already applied.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "duplicate";
    logEvent("error", "stripe_webhook_failed", { eventId: parsed.event.id, error: String(error) });
    throw error;
  }
}
