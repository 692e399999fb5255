// Edge-safe: how the middleware, which has no database, gets its security events into the log.
// Events are queued in the middleware's process and posted in batches to an internal route
// handler (HMAC-signed) after the response is sent: a flood of clients costs a few internal calls,
// not one each (one call per event lost about a third of a 1,500-client IPv6 flood to timeouts).
// The queue is bounded; what it cannot hold or deliver is counted, and the count travels with the
// next batch, so the log says how many events it is missing (`telemetry.events_dropped`).
import type { NextFetchEvent, NextRequest } from "next/server";
import { logFromEdge } from "./edge-logger";
import { internalUrl, signInternalCall } from "@/lib/security/internal-auth";
import { REQUEST_ID_HEADER } from "@/lib/security/request-id";

export const SECURITY_EVENTS_PATH = "/api/internal/security-events";
/** Events per internal call, and what one call may carry (the route reads no more). */
export const EDGE_BATCH_SIZE = 100;
export const EDGE_BATCH_MAX_BYTES = 512 * 1024;
/** Events waiting for delivery, past which new ones are only counted. */
export const EDGE_QUEUE_LIMIT = 10_000;

export type EdgeSecurityEvent = {
  type:
    | "ratelimit.blocked"
    | "ratelimit.failure"
    | "probe.detected"
    | "probe.injection"
    | "probe.not_found"
    | "probe.cross_site"
    | "scanner.identified"
    | "scraping.suspected";
  severity: "INFO" | "WARNING" | "CRITICAL";
  route: string;
  host: string;
  details: Record<string, unknown>;
};

/** One queued event: what the middleware saw, for which client, when. */
export type QueuedEdgeEvent = Omit<EdgeSecurityEvent, "details"> & {
  details: Record<string, string | number | boolean>;
  requestId: string;
  userAgent: string;
  clientIp: string;
  at: number;
};

const state = { queue: [] as QueuedEdgeEvent[], undelivered: 0, flushing: null as Promise<void> | null };

export function reportFromEdge(
  request: NextRequest,
  event: NextFetchEvent,
  payload: EdgeSecurityEvent,
  clientIp: string,
): void {
  // The request's id (set by the middleware) and agent travel with the event: the internal call
  // that carries it has its own.
  const requestId = (request.headers.get(REQUEST_ID_HEADER) ?? "").slice(0, 64);
  logFromEdge("warn", "security_event", { ip: clientIp, ...payload, requestId });
  if (state.queue.length >= EDGE_QUEUE_LIMIT) {
    state.undelivered += 1;
    return;
  }
  state.queue.push({
    // Capped here, field by field, to what the route accepts: one long path must not cost a batch.
    type: payload.type,
    severity: payload.severity,
    route: payload.route.slice(0, 300),
    host: payload.host.slice(0, 260),
    details: capDetails(payload.details),
    requestId,
    userAgent: (request.headers.get("user-agent") ?? "").slice(0, 300),
    clientIp: clientIp.slice(0, 64),
    at: Date.now(),
  });
  event.waitUntil(flushEdgeEvents(internalUrl(request.nextUrl, SECURITY_EVENTS_PATH)));
}

function capDetails(details: Record<string, unknown>): Record<string, string | number | boolean> {
  const capped: Record<string, string | number | boolean> = {};
  for (const [key, value] of Object.entries(details).slice(0, 10)) {
    if (typeof value === "number" || typeof value === "boolean") capped[key.slice(0, 40)] = value;
    else capped[key.slice(0, 40)] = (typeof value === "string" ? value : (JSON.stringify(value) ?? "")).slice(0, 300);
  }
  return capped;
}

/** Internal calls in flight at once: one slow call does not hold up the events behind it. */
export const EDGE_PARALLEL_POSTS = 3;
/** A batch is tried again after these pauses before its events are counted as lost. */
let retryDelaysMs: readonly number[] = [250, 1_000];

/** Posts everything queued, a batch at a time on each of a few lanes; one flush at a time per process. */
export function flushEdgeEvents(url: string): Promise<void> {
  state.flushing ??= (async () => {
    // A moment for the rest of a burst to join the first batch.
    await new Promise((resolve) => setTimeout(resolve, 5));
    const lane = async () => {
      while (state.queue.length > 0) {
        const batch = state.queue.splice(0, EDGE_BATCH_SIZE);
        const undelivered = state.undelivered;
        state.undelivered = 0;
        if (!(await postWithRetries(url, batch, undelivered))) state.undelivered += undelivered + batch.length;
      }
    };
    await Promise.all(Array.from({ length: EDGE_PARALLEL_POSTS }, lane));
  })().finally(() => {
    state.flushing = null;
  });
  return state.flushing;
}

/**
 * One batch, tried until it is taken or the retries run out. Every try carries the same id: a
 * call that timed out after the route wrote it is not written twice (the route remembers ids),
 * and its count is not said twice.
 */
async function postWithRetries(url: string, events: QueuedEdgeEvent[], undelivered: number): Promise<boolean> {
  // At most 100 events of a few hundred bytes each (every field is capped): within what the
  // route reads.
  const body = JSON.stringify({ id: crypto.randomUUID(), events, undelivered });
  for (const pause of [0, ...retryDelaysMs]) {
    if (pause > 0) await new Promise((resolve) => setTimeout(resolve, pause));
    if (await postBatch(url, body, events.length)) return true;
  }
  return false;
}

async function postBatch(url: string, body: string, count: number): Promise<boolean> {
  try {
    const response = await fetch(url, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(await signInternalCall({ method: "POST", path: SECURITY_EVENTS_PATH, clientIp: "", body })),
      },
      body,
      signal: AbortSignal.timeout(10_000),
    });
    if (response.ok) return true;
    logFromEdge("warn", "security_event_delivery_failed", { status: response.status, events: count });
  } catch (error) {
    logFromEdge("warn", "security_event_delivery_failed", { error: String(error), events: count });
  }
  return false;
}

/** For tests: the pauses before each retry. */
export function setEdgeRetryDelaysForTest(delays: readonly number[] = [250, 1_000]): void {
  retryDelaysMs = delays;
}

/** For tests: what is waiting, and a clean slate. */
export function readEdgeQueueForTest(): { queued: number; undelivered: number } {
  return { queued: state.queue.length, undelivered: state.undelivered };
}
export function resetEdgeQueueForTest(): void {
  state.queue.length = 0;
  state.undelivered = 0;
}
