import "server-only";
import { getPlatformDb } from "@/lib/db";
import { logEvent } from "./logger";
import { recordSecurityEvent, type SecurityEventInput } from "./security-events";

// Some events are cheap for anyone to cause (a forged webhook costs one request). One row each
// would let a flood write the database full, so these are counted per key and window: the first
// occurrence writes the row at once (the signal is not delayed), and the window's total is written
// into that same row when the window closes. At most one row per key and window, ever.

type Window = { rowId: Promise<string | null>; count: number; first: SecurityEventInput; timer: NodeJS.Timeout };

const open = new Map<string, Window>();
// Addresses are cheap (an IPv6 /64 holds 2^64): past this many keys in a window, everything else
// shares one "overflow" row.
const MAX_OPEN_WINDOWS = 100;

async function closeWindow(key: string): Promise<void> {
  const window = open.get(key);
  if (!window) return;
  open.delete(key);
  const rowId = await window.rowId;
  if (!rowId || window.count === 1) return;
  try {
    const db = await getPlatformDb();
    await db.securityEvent.update({
      where: { id: rowId },
      data: { details: JSON.stringify({ ...window.first.details, count: window.count }).slice(0, 4000) },
    });
  } catch (error) {
    logEvent("error", "security_event_write_failed", { type: window.first.type, error: String(error) });
  }
}

/** Counts one occurrence of `event` under `key`; see above for what is written. */
export function recordAggregatedSecurityEvent(key: string, event: SecurityEventInput, windowMs: number): void {
  const existing = open.get(key);
  if (existing) {
    existing.count += 1;
    return;
  }
  if (open.size >= MAX_OPEN_WINDOWS && key !== "overflow") {
    // A flood over so many keys (addresses) still costs one row per window for all of them.
    recordAggregatedSecurityEvent(
      "overflow",
      { ...event, ip: "", details: { ...event.details, overflow: true } },
      windowMs,
    );
    return;
  }
  const first = { ...event, details: { ...event.details, count: 1, windowSeconds: Math.round(windowMs / 1000) } };
  const timer = setTimeout(() => void closeWindow(key), windowMs);
  timer.unref?.();
  open.set(key, { rowId: recordSecurityEvent(first), count: 1, first, timer });
}

/** Writes every open window's count now (tests, and a clean shutdown). */
export async function flushAggregatedSecurityEvents(): Promise<void> {
  const keys = [...open.keys()];
  for (const key of keys) clearTimeout(open.get(key)!.timer);
  await Promise.all(keys.map(closeWindow));
}
