// Edge-safe: the middleware's copy of the active containment blocks (lib/telemetry/containment.ts).
// It has no database, so it asks the app's internal route, in the background (no request waits
// for it), and checks each request against the copy in memory. The route holds each call until
// the blocks change or a second passes (a long poll), so while requests keep coming a new block
// is enforced here within moments, and a block made by another instance within about a second.
import type { NextFetchEvent, NextRequest } from "next/server";
import { z } from "zod";
import { blockApplies } from "@/lib/security/block-match";
import { internalUrl, signInternalCall } from "@/lib/security/internal-auth";
import { logFromEdge } from "@/lib/telemetry/edge-logger";

export const BLOCKS_PATH = "/api/internal/blocks";
/** After a failed call, the next waits this long: a broken route is not hammered. */
const RETRY_MS = 1_000;
const STALE_MS = 5_000;
let lastSuccess = 0;
let lastFailure = 0;
/** The version of the blocks the route last answered (the process's own counter). */
let version: number | null = null;

const blocksSchema = z.object({
  blocks: z
    .array(
      z.object({
        scope: z.enum(["address", "prefix"]),
        value: z.string().max(100),
        classes: z.union([z.literal("all"), z.array(z.string().max(40)).max(20)]),
        expiresAt: z.iso.datetime(),
      }),
    )
    .max(10_000),
  version: z.number().int().nonnegative().optional(),
});

export type EdgeBlock = { scope: "address" | "prefix"; value: string; classes: string[] | "all"; expiresAt: number };

let blocks: EdgeBlock[] = [];
let inflight: Promise<void> | null = null;

async function fetchBlocks(requestUrl: URL): Promise<void> {
  const path = version === null ? BLOCKS_PATH : `${BLOCKS_PATH}?after=${version}`;
  const headers = await signInternalCall({ method: "GET", path, clientIp: "", body: "" });
  // Generous: no request waits on it for long (see refreshBlocks), and in development the route is
  // compiled on its first call, which takes seconds.
  const response = await fetch(internalUrl(requestUrl, path), { headers, signal: AbortSignal.timeout(15_000) });
  if (!response.ok) throw new Error(`blocks: HTTP ${response.status}`);
  const parsed = blocksSchema.parse(await response.json());
  blocks = parsed.blocks.map((block) => ({ ...block, expiresAt: Date.parse(block.expiresAt) }));
  version = parsed.version ?? null;
  lastSuccess = Date.now();
}

/**
 * Keeps one call to the route open while requests come in (the route answers when the blocks
 * change, or after a second). After a quiet spell (a copy older than five seconds) the request
 * waits for the refresh, up to a quarter of a second, rather than be judged by a stale copy.
 */
export async function refreshBlocks(request: NextRequest, event: NextFetchEvent, now = Date.now()): Promise<void> {
  if (!inflight && now - lastFailure >= RETRY_MS) startRefresh(request, event);
  if (inflight && now - lastSuccess > STALE_MS) {
    await Promise.race([inflight, new Promise((resolve) => setTimeout(resolve, 250))]);
  }
}

function startRefresh(request: NextRequest, event: NextFetchEvent): void {
  // A failed refresh keeps the last copy (blocks expire by themselves) and tries again later.
  inflight = fetchBlocks(request.nextUrl)
    .catch((error: unknown) => {
      lastFailure = Date.now();
      version = null;
      logFromEdge("warn", "blocks_refresh_failed", { error: String(error) });
    })
    .finally(() => {
      inflight = null;
    });
  event.waitUntil(inflight);
}

/** The block that applies to this client and kind of request, if any. */
export function findBlock(clientIp: string, policy: string | null, now = Date.now()): EdgeBlock | undefined {
  return blocks.find((block) => blockApplies(block, clientIp, policy, now));
}

/** For tests: the copy as the internal route last answered. */
export function setBlocksForTest(next: EdgeBlock[]): void {
  blocks = next;
  lastSuccess = Date.now();
}
