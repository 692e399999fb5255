import "server-only";
import { getPlatformDb } from "@/lib/db";
import { DomainError } from "@/lib/security/domain-error";
import { recordAdminAction, type AdminActor } from "@/lib/telemetry/admin-actions";
import { logEvent } from "@/lib/telemetry/logger";

// The outbox's states: PENDING → SENDING (a lease held by one worker) → SENT; a failure puts the
// row back to PENDING with an exponential backoff, and after `maxAttempts` it is DEAD until an
// administrator retries it. Every change of state is a compare-and-set (one conditional UPDATE),
// so two workers — two processes, or two servers on one libSQL database — never both hold a row.

export type DeliveryPolicy = {
  maxAttempts: number;
  /** Delay after the first failure; doubled after each further one, up to maxDelayMs. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** How long a claim lasts. A worker that dies mid-send leaves the row to be claimed again after it. */
  leaseMs: number;
};

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 60_000,
  maxDelayMs: 60 * 60_000,
  leaseMs: 5 * 60_000,
};

/** Wait before attempt `attempts + 1`: base, 2×base, 4×base, … capped. */
export function backoffDelay(attempts: number, policy: DeliveryPolicy): number {
  return Math.min(policy.baseDelayMs * 2 ** Math.max(0, attempts - 1), policy.maxDelayMs);
}

export type ClaimedMail = {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  attempts: number;
  tenant: { id: string; name: string; mailSenderName: string | null; mailReplyTo: string | null };
};

/**
 * Claims up to `limit` due messages for this worker: pending ones whose time has come, and sending
 * ones whose lease ran out (their worker died, maybe after sending: delivery is at-least-once).
 * A row found with its last attempt already spent is dead-lettered instead.
 */
export async function claimDueMail(
  workerId: string,
  now: Date,
  limit: number,
  policy: DeliveryPolicy = DEFAULT_DELIVERY_POLICY,
): Promise<ClaimedMail[]> {
  const db = await getPlatformDb();
  const candidates = await db.outboundEmail.findMany({
    where: {
      OR: [
        { status: "PENDING", nextAttemptAt: { lte: now } },
        { status: "SENDING", leaseUntil: { lte: now } },
      ],
    },
    orderBy: { nextAttemptAt: "asc" },
    // A few spare candidates: rows another worker wins are skipped, not waited for.
    take: limit + 8,
    select: { id: true, status: true, attempts: true },
  });
  const claimed: ClaimedMail[] = [];
  for (const row of candidates) {
    if (claimed.length >= limit) break;
    const unchanged = { id: row.id, status: row.status, attempts: row.attempts };
    if (row.attempts >= policy.maxAttempts) {
      await db.outboundEmail.updateMany({
        where: unchanged,
        data: {
          status: "DEAD",
          deadAt: now,
          leaseUntil: null,
          lastError: "Lease expired after the last attempt; outcome unknown.",
        },
      });
      continue;
    }
    const won = await db.outboundEmail.updateMany({
      where: unchanged,
      data: {
        status: "SENDING",
        claimedBy: workerId,
        leaseUntil: new Date(now.getTime() + policy.leaseMs),
        attempts: { increment: 1 },
      },
    });
    if (won.count !== 1) continue; // another worker got there first
    const mail = await db.outboundEmail.findUniqueOrThrow({
      where: { id: row.id },
      select: {
        id: true,
        to: true,
        subject: true,
        text: true,
        html: true,
        attempts: true,
        tenant: { select: { id: true, name: true, mailSenderName: true, mailReplyTo: true } },
      },
    });
    claimed.push(mail);
  }
  return claimed;
}

/** Records a delivery, if this worker still holds the lease. */
export async function markSent(id: string, workerId: string, now: Date): Promise<boolean> {
  const db = await getPlatformDb();
  const done = await db.outboundEmail.updateMany({
    where: { id, status: "SENDING", claimedBy: workerId },
    data: { status: "SENT", sentAt: now, leaseUntil: null, lastError: null },
  });
  return done.count === 1;
}

/** Records a failed attempt: back to PENDING after the backoff, or DEAD after the last attempt. */
export async function markFailed(
  mail: { id: string; attempts: number },
  workerId: string,
  error: string,
  now: Date,
  policy: DeliveryPolicy = DEFAULT_DELIVERY_POLICY,
): Promise<"retry" | "dead" | "lost"> {
  const db = await getPlatformDb();
  const dead = mail.attempts >= policy.maxAttempts;
  const done = await db.outboundEmail.updateMany({
    where: { id: mail.id, status: "SENDING", claimedBy: workerId, attempts: mail.attempts },
    data: dead
      ? { status: "DEAD", deadAt: now, leaseUntil: null, lastError: error }
      : {
          status: "PENDING",
          nextAttemptAt: new Date(now.getTime() + backoffDelay(mail.attempts, policy)),
          leaseUntil: null,
          lastError: error,
        },
  });
  if (done.count !== 1) return "lost";
  return dead ? "dead" : "retry";
}

export type DeadLetter = {
  id: string;
  store: string;
  to: string;
  subject: string;
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  deadAt: Date | null;
};

/** Dead-lettered mail for the administrator console: never the bodies (they carry links). */
export async function listDeadLetters(limit = 50): Promise<DeadLetter[]> {
  const db = await getPlatformDb();
  const rows = await db.outboundEmail.findMany({
    where: { status: "DEAD" },
    orderBy: { deadAt: "desc" },
    take: limit,
    select: {
      id: true,
      to: true,
      subject: true,
      attempts: true,
      lastError: true,
      createdAt: true,
      deadAt: true,
      tenant: { select: { name: true } },
    },
  });
  return rows.map(({ tenant, ...row }) => ({ ...row, store: tenant.name }));
}

/** Counts per state, for the console's summary line. */
export async function countMailByStatus(): Promise<Record<string, number>> {
  const db = await getPlatformDb();
  const groups = await db.outboundEmail.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(groups.map((group) => [group.status, group._count._all]));
}

/** An administrator sends a dead letter again: a fresh set of attempts, starting now. Audited. */
export async function retryDeadLetter(id: string, by: AdminActor, now = new Date()): Promise<void> {
  const db = await getPlatformDb();
  const row = await db.outboundEmail.findUnique({ where: { id }, select: { tenantId: true, status: true } });
  if (!row) throw new DomainError(404, "Not found.");
  const reset = await db.outboundEmail.updateMany({
    where: { id, status: "DEAD" },
    data: { status: "PENDING", attempts: 0, nextAttemptAt: now, deadAt: null, claimedBy: null, leaseUntil: null },
  });
  if (reset.count !== 1)
    throw new DomainError(409, "This message is not dead-lettered (it may have been retried already).");
  await recordAdminAction(by, row.tenantId, { action: "mail.retry", mailId: id });
  logEvent("info", "mail_retry_requested", { id, tenantId: row.tenantId });
}
