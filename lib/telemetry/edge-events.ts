import "server-only";
import { z } from "zod";
import { EDGE_BATCH_SIZE } from "./edge-report";
import { readProcessState } from "@/lib/env/process-state";
import { recordSecurityEvent } from "./security-events";

// Only what the middleware reports: its own event types and severities, a bounded route, the
// host it served (the tenant is derived from that, never taken from the caller) and small details.
export const edgeEventSchema = z
  .object({
    type: z.enum([
      "ratelimit.blocked",
      "ratelimit.failure",
      "probe.detected",
      "probe.injection",
      "probe.not_found",
      "probe.cross_site",
      "scanner.identified",
      "scraping.suspected",
    ]),
    severity: z.enum(["WARNING", "CRITICAL"]),
    route: z.string().max(300),
    host: z.string().max(260),
    details: z.record(z.string().max(40), z.union([z.string().max(300), z.number(), z.boolean()])),
    requestId: z.string().max(64).optional(),
    userAgent: z.string().max(300).optional(),
    clientIp: z.string().max(64).optional(),
    /** When the middleware saw it (ms since the epoch). */
    at: z.number().int().nonnegative().optional(),
  })
  .strict()
  .refine((event) => Object.keys(event.details).length <= 10);

/**
 * One internal call: a batch of events, and how many the middleware could not deliver before.
 * Each event is checked on its own (recordEdgeBatch): one malformed event costs itself, not the
 * ninety-nine beside it.
 */
export const edgeBatchSchema = z
  .object({
    /** The same on every try of one batch: a retried batch is written once. */
    id: z.string().min(8).max(64),
    events: z.array(z.unknown()).max(EDGE_BATCH_SIZE),
    undelivered: z.number().int().nonnegative().max(1_000_000_000),
  })
  .strict();

// How far back an event's own time is believed: a batch waits moments, never minutes.
const MAX_EDGE_DELAY_MS = 5 * 60_000;

/** Records one event the middleware reported (it has no database), for the store its host names. */
export async function recordEdgeEvent(
  event: z.output<typeof edgeEventSchema>,
  tenantId: string | null,
  clientIp: string,
  now = Date.now(),
): Promise<void> {
  await recordSecurityEvent({
    type: event.type,
    severity: event.severity,
    tenantId,
    ip: clientIp,
    route: event.route,
    details: event.details,
    requestId: event.requestId ?? "",
    userAgent: event.userAgent ?? "",
    // Detection measures from when the middleware saw it, not from when the app wrote it down.
    ...(event.at !== undefined
      ? { occurredAt: new Date(Math.min(now, Math.max(now - MAX_EDGE_DELAY_MS, event.at))) }
      : {}),
  });
}

// The ids of the batches written lately (the middleware posts to its own process): a try that
// timed out after it was written comes again, and must not be written twice.
const recentBatches = readProcessState("edge-batches", () => new Set<string>());
const REMEMBERED_BATCHES = 10_000;

/** Whether this batch was written already; remembers it if not. */
function rememberBatch(id: string): boolean {
  if (recentBatches.has(id)) return true;
  if (recentBatches.size >= REMEMBERED_BATCHES) recentBatches.delete(recentBatches.values().next().value!);
  recentBatches.add(id);
  return false;
}

/**
 * Records a batch from the middleware: each event for the store its host names (`storeOf`, from
 * tenancy, which sits above telemetry), and what the middleware lost.
 */
export async function recordEdgeBatch(
  batch: z.output<typeof edgeBatchSchema>,
  storeOf: (host: string) => Promise<string | null>,
): Promise<void> {
  if (rememberBatch(batch.id)) return;
  const stores = new Map<string, Promise<string | null>>();
  const tenantOf = (host: string) => {
    let store = stores.get(host);
    if (!store) {
      store = storeOf(host);
      stores.set(host, store);
    }
    return store;
  };
  const now = Date.now();
  let refused = 0;
  await Promise.all(
    batch.events.map(async (raw) => {
      const event = edgeEventSchema.safeParse(raw);
      if (!event.success) {
        refused += 1;
        return;
      }
      await recordEdgeEvent(event.data, await tenantOf(event.data.host), event.data.clientIp ?? "", now);
    }),
  );
  if (batch.undelivered > 0 || refused > 0) {
    await recordSecurityEvent({
      type: "telemetry.events_dropped",
      severity: "CRITICAL",
      details: { source: "edge", droppedEvents: batch.undelivered + refused, malformed: refused },
    });
  }
}
