import { createHash, randomUUID } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { Prisma } from "@/lib/db";
import { receiveStripeEvent } from "@/lib/orders/receive-stripe-event";
import type { SecurityEventInput } from "@/lib/telemetry/security-events";
import { flushSecurityEvents } from "@/lib/telemetry/security-events";
import { getDb } from "../support/db";
import { captureLogLines } from "../support/log-capture";

// What receiving a verified webhook payload records: each event id once (a repeat or a racing
// second delivery is a duplicate), a shape we do not read kept once and acknowledged, an event
// that must wait for another kept with its payload, and one log line for each.

// One test makes applying fail, another has it ask for a follow-up event; the rest apply for real.
const applying = vi.hoisted(() => ({
  next: null as null | ((followUps: SecurityEventInput[]) => string | Promise<string>),
}));
vi.mock("@/lib/orders/apply-stripe-event", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/orders/apply-stripe-event")>();
  return {
    ...original,
    applyStripeEvent: (...args: Parameters<typeof original.applyStripeEvent>) => {
      const instead = applying.next;
      applying.next = null;
      return instead ? Promise.resolve().then(() => instead(args[2])) : original.applyStripeEvent(...args);
    },
  };
});

afterEach(() => {
  vi.restoreAllMocks();
});

const knownError = (code: string) =>
  new Prisma.PrismaClientKnownRequestError(`failed with ${code}`, { code, clientVersion: Prisma.prismaVersion.client });

const meta = { ip: "203.0.113.90", route: "/api/webhooks/stripe" };
const eventId = () => `evt_${randomUUID().replaceAll("-", "")}`;
const row = async (id: string) => (await getDb()).webhookEvent.findUnique({ where: { id } });

async function withLogs<T>(work: () => Promise<T>): Promise<{ result: T; lines: Record<string, unknown>[] }> {
  const capture = captureLogLines();
  try {
    const result = await work();
    return { result, lines: capture.lines.map((line) => JSON.parse(line) as Record<string, unknown>) };
  } finally {
    capture.restore();
  }
}

describe("receiveStripeEvent", () => {
  it("records an event of a type it does not act on by its Stripe type, applied once", async () => {
    const id = eventId();
    const payload = JSON.stringify({ id, type: "customer.created", data: { object: { id: "cus_1" } } });
    const { result, lines } = await withLogs(async () => {
      const outcome = await receiveStripeEvent(payload, meta);
      await flushSecurityEvents();
      return outcome;
    });
    expect(result).toBe("ignored_type");
    // Nothing to report for it: no security event is written.
    expect(lines.filter((line) => line.message === "security_event")).toEqual([]);
    const recorded = await row(id);
    expect(recorded).toMatchObject({
      type: "customer.created",
      outcome: "ignored_type",
      deferredOn: null,
      payload: null,
    });
    expect(recorded?.processedAt).toBeInstanceOf(Date);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: "info",
        message: "stripe_webhook",
        eventId: id,
        type: "other",
        outcome: "ignored_type",
      }),
    );
    // A repeat is seen inside the transaction, answered and logged as a duplicate.
    const repeat = await withLogs(() => receiveStripeEvent(payload, meta));
    expect(repeat.result).toBe("duplicate");
    expect(repeat.lines).toContainEqual(
      expect.objectContaining({ message: "stripe_webhook", eventId: id, outcome: "duplicate" }),
    );
    expect((await row(id))?.outcome).toBe("ignored_type");
  });

  it("applies one of many racing deliveries of an event; the others are duplicates", async () => {
    const id = eventId();
    const payload = JSON.stringify({ id, type: "invoice.paid", data: { object: {} } });
    const outcomes = await Promise.all(Array.from({ length: 6 }, () => receiveStripeEvent(payload, meta)));
    expect(outcomes.filter((o) => o === "ignored_type")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "duplicate")).toHaveLength(5);
  });

  it("keeps a refund that overtook its payment, with its payload, until the payment arrives", async () => {
    const id = eventId();
    const payload = JSON.stringify({
      id,
      type: "charge.refunded",
      data: { object: { id: "ch_1", payment_intent: `pi_${id}`, refunded: true, amount_refunded: 500 } },
    });
    expect(await receiveStripeEvent(payload, meta)).toBe("deferred");
    const recorded = await row(id);
    expect(recorded).toMatchObject({
      type: "charge.refunded",
      outcome: "deferred",
      deferredOn: `payment_intent:pi_${id}`,
      payload,
      processedAt: null,
    });
  });

  it("acknowledges a payload that is not an event once, under a name made from its content", async () => {
    const payload = `not json ${randomUUID()}`;
    const name = `malformed_${createHash("sha256").update(payload).digest("hex").slice(0, 40)}`;
    const { result, lines } = await withLogs(() => receiveStripeEvent(payload, meta));
    expect(result).toBe("malformed");
    expect(await row(name)).toMatchObject({ type: "malformed", outcome: "malformed: not JSON" });
    expect((await row(name))?.processedAt).toBeInstanceOf(Date);
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: "warn",
        message: "stripe_webhook_malformed",
        eventId: name,
        problem: "not JSON",
      }),
    );
    // Delivered again: still acknowledged, still one row.
    expect(await receiveStripeEvent(payload, meta)).toBe("malformed");
    expect(await (await getDb()).webhookEvent.count({ where: { id: name } })).toBe(1);
  });

  it("keeps an event of a known type with an unexpected object under its own id", async () => {
    const id = eventId();
    const payload = JSON.stringify({ id, type: "charge.refunded", data: { object: { id: "ch_2" } } });
    expect(await receiveStripeEvent(payload, meta)).toBe("malformed");
    expect(await receiveStripeEvent(payload, meta)).toBe("malformed");
    expect(await row(id)).toMatchObject({ type: "malformed", outcome: "malformed: unexpected charge object" });
  });

  it("records nothing when applying fails, so Stripe's retry applies the event", async () => {
    const id = eventId();
    const payload = JSON.stringify({ id, type: "customer.updated", data: { object: {} } });
    applying.next = () => {
      throw new Error("database is locked");
    };
    const { result, lines } = await withLogs(() => receiveStripeEvent(payload, meta).catch((error: unknown) => error));
    expect(result).toEqual(new Error("database is locked"));
    expect(lines).toContainEqual(
      expect.objectContaining({
        level: "error",
        message: "stripe_webhook_failed",
        eventId: id,
        error: "Error: database is locked",
      }),
    );
    expect(await row(id)).toBeNull();
    expect(await receiveStripeEvent(payload, meta)).toBe("ignored_type");
  });

  it("records the follow-up events applying asked for, from the delivery's address and route", async () => {
    const id = eventId();
    const payload = JSON.stringify({ id, type: "customer.deleted", data: { object: {} } });
    applying.next = (followUps) => {
      followUps.push({ type: "payment.needs_attention", severity: "INFO", details: { marker: id } });
      return "flagged";
    };
    expect(await receiveStripeEvent(payload, meta)).toBe("flagged");
    await flushSecurityEvents();
    const events = await (await getDb()).securityEvent.findMany({ where: { type: "payment.needs_attention" } });
    const mine = events.filter((event) => JSON.parse(event.details).marker === id);
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ severity: "INFO", ip: meta.ip, route: meta.route });
  });

  it("answers a delivery that lost the race for the event's id as a duplicate, and fails on any other error", async () => {
    // Another process recorded the same id between this delivery's check and its insert.
    const raced = JSON.stringify({ id: eventId(), type: "customer.updated", data: { object: {} } });
    applying.next = () => {
      throw knownError("P2002");
    };
    expect(await receiveStripeEvent(raced, meta)).toBe("duplicate");
    const broken = JSON.stringify({ id: eventId(), type: "customer.updated", data: { object: {} } });
    applying.next = () => {
      throw knownError("P2003");
    };
    await expect(receiveStripeEvent(broken, meta)).rejects.toMatchObject({ code: "P2003" });
  });

  it("fails, so Stripe retries, when a malformed payload cannot be recorded for any reason but a repeat", async () => {
    const db = await getDb();
    vi.spyOn(db.webhookEvent, "create").mockRejectedValueOnce(knownError("P1008"));
    await expect(receiveStripeEvent(`not json ${randomUUID()}`, meta)).rejects.toMatchObject({ code: "P1008" });
    vi.spyOn(db.webhookEvent, "create").mockRejectedValueOnce(new Error("disk I/O error"));
    await expect(receiveStripeEvent(`not json ${randomUUID()}`, meta)).rejects.toThrow("disk I/O error");
  });

  it("gives a slow apply the 15 seconds it is allowed, past the database client's 5-second default", async () => {
    const id = eventId();
    const payload = JSON.stringify({ id, type: "customer.updated", data: { object: {} } });
    applying.next = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5_500));
      return "applied_slowly";
    };
    expect(await receiveStripeEvent(payload, meta)).toBe("applied_slowly");
    expect((await row(id))?.outcome).toBe("applied_slowly");
  }, 20_000);
});
