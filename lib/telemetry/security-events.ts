import "server-only";
import { randomUUID } from "node:crypto";
import { headers } from "next/headers";
import { getPlatformDb } from "@/lib/db";
import { addressNetwork, addressPrefix, rateLimitSubject } from "@/lib/security/client-ip";
import { REQUEST_ID_HEADER } from "@/lib/security/request-id";
import { classifyAgentFamily } from "@/lib/security/user-agent";
import { logEvent } from "./logger";
import { readProcessState } from "@/lib/env/process-state";
import { pseudonymizeActor } from "./pseudonym";

/** Every control reports through these types; the admin log filters by them. */
export const SECURITY_EVENT_TYPES = [
  "auth.login_succeeded",
  "auth.login_failed",
  "auth.account_locked",
  "auth.honeypot_triggered",
  "auth.csrf_rejected",
  "auth.registered",
  "auth.email_verified",
  "auth.confirmation_resent",
  "auth.password_changed",
  "auth.password_reset_requested",
  "order.lookup_requested",
  "auth.password_reset_completed",
  "auth.password_reset_rejected",
  "auth.second_factor_enrolled",
  "auth.second_factor_disabled",
  "auth.second_factor_passed",
  "auth.second_factor_failed",
  "auth.second_factor_missing",
  "auth.recovery_codes_regenerated",
  "auth.invitation_accepted",
  "auth.invitation_rejected",
  "team.change_refused",
  "session.rotated",
  "session.reuse_detected",
  "session.revoked",
  "session.tenant_mismatch",
  "access.denied",
  "access.not_found",
  "input.rejected",
  "ratelimit.blocked",
  "ratelimit.failure",
  "csp.violation",
  "probe.detected",
  "scanner.identified",
  "probe.injection",
  "probe.not_found",
  "probe.cross_site",
  "webhook.signature_invalid",
  "payment.amount_mismatch",
  "payment.needs_attention",
  "checkout.started",
  "checkout.hold_refused",
  "checkout.discount_refused",
  "scraping.suspected",
  "admin.action",
  "telemetry.events_dropped",
] as const;

export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];
export type Severity = "INFO" | "WARNING" | "CRITICAL";

export type SecurityEventInput = {
  type: SecurityEventType;
  severity: Severity;
  tenantId?: string | null;
  actor?: string;
  ip?: string;
  route?: string;
  details?: Record<string, unknown>;
  /**
   * The request and client the event belongs to. Read from the request being handled when not
   * given; the middleware's events (posted by an internal call) carry the client's own.
   */
  requestId?: string;
  userAgent?: string | null;
  /** Failed sign-ins: the keyed fingerprint of the password tried (lib/identity/credential-tag.ts). */
  credentialTag?: string;
  /** When it happened, if earlier than now (the middleware's events arrive a moment later). */
  occurredAt?: Date;
};

type Row = {
  id: string;
  type: string;
  severity: Severity;
  tenantId: string | null;
  actor: string;
  ip: string;
  ipPrefix: string;
  network: string;
  clientKey: string;
  credentialTag: string;
  route: string;
  requestId: string;
  agentFamily: string;
  details: string;
  createdAt: Date;
};
type Pending = { row: Row; resolve: (id: string | null) => void; context?: Promise<void> };

// The pipeline: every event is queued and written in batches (one statement for up to 500 rows,
// started on the next turn of the event loop), so a burst of events costs a few writes, not one
// each. The queue is bounded; past it, events are counted and the count is written as one
// "overflow" row, so even a flood leaves a trace without eating the memory.
const BATCH_SIZE = 500;
export const MAX_QUEUED_EVENTS = 50_000;
let queueLimit = MAX_QUEUED_EVENTS;
const queue: Pending[] = [];
let scheduled = false;
let draining: Promise<void> | null = null;
let dropped = 0;

/**
 * Records a security event: a structured log line at once, and a SecurityEvent row in the next
 * batch. The promise resolves with the row's id once it is written (or null if it could not be);
 * it never rejects, so a failing audit write never turns a request into a 500.
 */
export function recordSecurityEvent(input: SecurityEventInput): Promise<string | null> {
  // No email address reaches a log line or the security log, only its pseudonym.
  const { requestId, userAgent, credentialTag, occurredAt, ...event } = {
    ...input,
    actor: pseudonymizeActor(input.actor),
  };
  const details = event.details ?? {};
  const full = queue.length >= queueLimit;
  const row: Row = {
    id: randomUUID(),
    type: event.type,
    severity: event.severity,
    tenantId: event.tenantId ?? null,
    actor: (event.actor ?? "").slice(0, 200),
    ip: (event.ip ?? "").slice(0, 64),
    ipPrefix: addressPrefix(event.ip ?? ""),
    network: addressNetwork(event.ip ?? ""),
    clientKey: event.ip ? rateLimitSubject(event.ip).slice(0, 64) : "",
    credentialTag: (credentialTag ?? "").slice(0, 16),
    route: (event.route ?? "").slice(0, 200),
    requestId: (requestId ?? "").slice(0, 64),
    agentFamily: userAgent === undefined ? "" : classifyAgentFamily(userAgent),
    details: JSON.stringify(details).slice(0, 4000),
    createdAt: occurredAt ?? new Date(),
  };
  // The line is written once the request's id and agent are known (a moment later, never blocking).
  const context = (
    requestId === undefined || userAgent === undefined ? readRequestContext(row) : Promise.resolve()
  ).then(() =>
    logEvent(event.severity === "INFO" ? "info" : "warn", "security_event", {
      ...event,
      details,
      requestId: row.requestId,
      agentFamily: row.agentFamily,
    }),
  );
  if (full) {
    dropped += 1;
    return Promise.resolve(null);
  }
  return new Promise((resolve) => {
    queue.push({ row, resolve, context });
    scheduleDrain();
  });
}

/**
 * Fills in the request id (set by the middleware on every request) and the client's agent family
 * from the request being handled. Outside a request (detection, a script, a test) they stay empty.
 */
async function readRequestContext(row: Row): Promise<void> {
  try {
    const incoming = await headers();
    row.requestId ||= (incoming.get(REQUEST_ID_HEADER) ?? "").slice(0, 64);
    row.agentFamily ||= classifyAgentFamily(incoming.get("user-agent"));
  } catch {
    // Not inside a request: nothing to add.
  }
}

function scheduleDrain(): void {
  if (scheduled) return;
  scheduled = true;
  setImmediate(() => {
    scheduled = false;
    void drain();
  });
}

/** What a listener learns of each written event: enough to know which incidents it may complete. */
export type WrittenEvent = Pick<
  Row,
  "type" | "tenantId" | "actor" | "ipPrefix" | "network" | "clientKey" | "credentialTag" | "agentFamily"
>;
const listeners = readProcessState("written-event-listener", () => ({
  onWritten: null as ((events: WrittenEvent[]) => void) | null,
}));

/**
 * Detection listens here (lib/telemetry/detection.ts), so a threshold reached is seen as soon as
 * the event that reached it is written, not at the next timed pass.
 */
export function listenForWrittenEvents(listener: ((events: WrittenEvent[]) => void) | null): void {
  listeners.onWritten = listener;
}

async function writeBatch(batch: Pending[]): Promise<void> {
  const db = await getPlatformDb();
  await Promise.all(batch.map((pending) => pending.context));
  try {
    await db.securityEvent.createMany({ data: batch.map((pending) => pending.row) });
    for (const pending of batch) pending.resolve(pending.row.id);
    listeners.onWritten?.(batch.map(({ row }) => row));
  } catch (error) {
    // One bad row (a store deleted meanwhile, say) must not take the rest of its batch with it:
    // halve the batch until the bad row stands alone.
    if (batch.length === 1) {
      logEvent("error", "security_event_write_failed", { type: batch[0]!.row.type, error: String(error) });
      batch[0]!.resolve(null);
      return;
    }
    const half = Math.ceil(batch.length / 2);
    await writeBatch(batch.slice(0, half));
    await writeBatch(batch.slice(half));
  }
}

function drain(): Promise<void> {
  draining ??= (async () => {
    while (queue.length > 0) await writeBatch(queue.splice(0, BATCH_SIZE));
    if (dropped > 0) {
      const count = dropped;
      dropped = 0;
      logEvent("error", "security_events_dropped", { count });
      await writeBatch([
        {
          row: {
            id: randomUUID(),
            type: "telemetry.events_dropped",
            severity: "CRITICAL",
            tenantId: null,
            actor: "",
            ip: "",
            ipPrefix: "",
            network: "",
            clientKey: "",
            credentialTag: "",
            route: "",
            requestId: "",
            agentFamily: "",
            details: JSON.stringify({ overflow: true, droppedEvents: count }),
            createdAt: new Date(),
          },
          resolve: () => undefined,
        },
      ]);
    }
  })().finally(() => {
    draining = null;
    if (queue.length > 0) scheduleDrain();
  });
  return draining;
}

/** For tests: a smaller bound, to see the overflow without queuing 50,000 events. */
export function setEventQueueLimitForTest(limit = MAX_QUEUED_EVENTS): void {
  queueLimit = limit;
}

/** Waits until every event queued so far is written (tests, detection, a clean shutdown). */
export async function flushSecurityEvents(): Promise<void> {
  while (queue.length > 0 || draining) await (draining ?? drain());
}

/** A signed-in user asked for something their role does not allow. */
export function recordAccessDenied(input: {
  tenantId: string;
  actor: string;
  ip: string;
  route: string;
  role: string;
  required: string[];
}) {
  return recordSecurityEvent({
    type: "access.denied",
    severity: "WARNING",
    tenantId: input.tenantId,
    actor: input.actor,
    ip: input.ip,
    route: input.route,
    details: { role: input.role, required: input.required },
  });
}

/** A guarded route was asked for an id its store does not have (another store's, or a guess). */
export function recordIdMiss(input: { tenantId: string; actor: string; ip: string; route: string; params: string[] }) {
  return recordSecurityEvent({
    type: "access.not_found",
    severity: "WARNING",
    tenantId: input.tenantId,
    actor: input.actor,
    ip: input.ip,
    route: input.route,
    details: { params: input.params },
  });
}
