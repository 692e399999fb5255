import "server-only";
import { getPlatformDb } from "@/lib/db";
import { blockApplies } from "@/lib/security/block-match";
import { addressNetwork } from "@/lib/security/client-ip";
import { DomainError } from "@/lib/security/domain-error";
import { recordAdminAction, type AdminActor } from "./admin-actions";
import type { DetectionRule } from "./detection-rules";
import { logEvent } from "./logger";
import { readProcessState } from "@/lib/env/process-state";

// Containment: an alert whose rule says so blocks its address or prefix at the edge for a while.
// Blocks live in the database every instance shares; each instance's middleware reads the active
// ones every second through an internal route (app/api/internal/blocks), so a block holds on
// every instance within seconds and needs no request to wait on a lookup.

export type ActiveBlock = {
  id: string;
  scope: "address" | "prefix";
  value: string;
  classes: string[] | "all";
  expiresAt: string;
};

const toClasses = (text: string): string[] | "all" => (text === "all" ? "all" : text.split(",").filter(Boolean));

/**
 * This machine's own addresses are never blocked: they are what every client looks like when no
 * proxy is trusted (or a proxy on this host is not), so a block there would shut out everyone.
 */
function isLoopback(key: string): boolean {
  // ::1 as an address, its /64 and its /48 (the network incidents are grouped by).
  return /^127\./.test(key) || key === "::1" || key === "0:0:0:0::/64" || key === addressNetwork("::1");
}

/** Blocks what an alert is about, if its rule contains; returns when, or null. */
export async function containAlert(rule: DetectionRule, key: string, alertId: string, now: Date): Promise<Date | null> {
  if (!rule.contain || !key || isLoopback(key)) return null;
  const db = await getPlatformDb();
  const { scope, classes, ttlMs } = rule.contain;
  await db.securityBlock.create({
    data: {
      scope,
      value: key,
      classes: classes === "all" ? "all" : classes.join(","),
      rule: rule.name,
      alertId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttlMs),
    },
  });
  logEvent("warn", "security_block", { rule: rule.name, scope, value: key, classes, ttlMs });
  announceBlocksChanged();
  // Contained when the block is in force (written, and the edge told), not when detection began.
  return new Date(Math.max(Date.now(), now.getTime()));
}

// This process's blocks change here (an alert contained, a block lifted). The middleware holds a
// call to the internal route open until they do (up to a second), so a new block is enforced at
// the edge within moments; blocks made by other instances arrive with the next answer. Shared by
// every copy of this module in the process (process-state.ts): detection runs in one, the route
// and the guard in others.
const blocksState = readProcessState("blocks", () => ({
  version: 0,
  waiters: [] as (() => void)[],
  cached: null as { at: number; blocks: ActiveBlock[] } | null,
}));

function announceBlocksChanged(): void {
  blocksState.version += 1;
  blocksState.cached = null;
  const woken = blocksState.waiters;
  blocksState.waiters = [];
  for (const wake of woken) wake();
}

/** The version of this process's blocks, to wait on with `waitForBlocksChange`. */
export function readBlocksVersion(): number {
  return blocksState.version;
}

/** Resolves when this process's blocks change after `seen`, or after `timeoutMs`. */
export function waitForBlocksChange(seen: number, timeoutMs: number): Promise<void> {
  if (seen !== blocksState.version) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      blocksState.waiters = blocksState.waiters.filter((waiter) => waiter !== wake);
      resolve();
    }, timeoutMs);
    const wake = () => {
      clearTimeout(timer);
      resolve();
    };
    blocksState.waiters.push(wake);
  });
}

/** How many blocks the middleware holds; a flood of networks past it is logged as an error. */
export const MAX_ENFORCED_BLOCKS = 10_000;

/** What the middleware enforces: unexpired, unlifted blocks (the newest, up to the cap). */
export async function listActiveBlocks(now = new Date()): Promise<ActiveBlock[]> {
  const db = await getPlatformDb();
  const rows = await db.securityBlock.findMany({
    where: { expiresAt: { gt: now }, liftedAt: null },
    orderBy: { createdAt: "desc" },
    take: MAX_ENFORCED_BLOCKS + 1,
  });
  // Past the cap the oldest blocks are not enforced: say so loudly rather than silently.
  if (rows.length > MAX_ENFORCED_BLOCKS) {
    logEvent("error", "security_blocks_over_cap", { cap: MAX_ENFORCED_BLOCKS });
    rows.length = MAX_ENFORCED_BLOCKS;
  }
  return rows.map((row) => ({
    id: row.id,
    scope: row.scope === "address" ? "address" : "prefix",
    value: row.value,
    classes: toClasses(row.classes),
    expiresAt: row.expiresAt.toISOString(),
  }));
}

/** An administrator lifts a block before it expires (a false positive, a customer on a shared network). */
export async function liftBlock(id: string, by: AdminActor): Promise<void> {
  const db = await getPlatformDb();
  const lifted = await db.securityBlock.updateMany({
    where: { id, liftedAt: null, expiresAt: { gt: new Date() } },
    data: { liftedAt: new Date(), liftedBy: by.email.slice(0, 200) },
  });
  if (lifted.count !== 1) throw new DomainError(404, "No such active block.");
  announceBlocksChanged();
  await recordAdminAction(by, null, { action: "block.lifted", block: id });
}

/**
 * The block that applies to a server action's client and class, if any. Actions are dispatched by
 * their id whatever path they are posted to, so the middleware cannot tell them apart: the guard
 * asks here (the active blocks, read at most once a second).
 */
export async function findContainment(
  clientIp: string,
  policy: string,
  now = Date.now(),
): Promise<ActiveBlock | undefined> {
  let cached = blocksState.cached;
  if (!cached || now - cached.at > 1_000) {
    cached = { at: now, blocks: await listActiveBlocks(new Date(now)) };
    blocksState.cached = cached;
  }
  return cached.blocks.find((block) =>
    blockApplies({ ...block, expiresAt: Date.parse(block.expiresAt) }, clientIp, policy, now),
  );
}
