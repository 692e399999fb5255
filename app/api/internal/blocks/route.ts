import { externalRoute } from "@/lib/guard/guard";
import { BLOCKS_PATH } from "@/lib/rate-limit/blocks";
import { verifyInternalCall } from "@/lib/security/internal-auth";
import { jsonNoStore } from "@/lib/security/json-response";
import { listActiveBlocks, readBlocksVersion, waitForBlocksChange } from "@/lib/telemetry/containment";

/** How long a call that already holds the latest blocks is kept open, waiting for a change. */
const HOLD_MS = 1_000;

/**
 * GET /api/internal/blocks[?after=<version>]: the active containment blocks, for the middleware;
 * 404 to anyone else. With the version the caller holds, the answer waits until this process's
 * blocks change (or a second passes), so a new block reaches the edge at once.
 */
export const GET = externalRoute(
  { name: "api.internal.blocks", reason: "internal call from the middleware, signed per call (HMAC)" },
  async (request: Request) => {
    const { search, searchParams } = new URL(request.url);
    const call = await verifyInternalCall(request, `${BLOCKS_PATH}${search}`);
    if (!call.ok) return new Response("Not found", { status: 404 });
    const after = Number(searchParams.get("after"));
    if (searchParams.has("after") && Number.isSafeInteger(after)) await waitForBlocksChange(after, HOLD_MS);
    const version = readBlocksVersion();
    const blocks = (await listActiveBlocks()).map(({ scope, value, classes, expiresAt }) => ({
      scope,
      value,
      classes,
      expiresAt,
    }));
    return jsonNoStore({ version, blocks });
  },
);
