import { externalRoute } from "@/lib/guard/guard";
import { BLOCKS_PATH } from "@/lib/rate-limit/blocks";
import { verifyInternalCall } from "@/lib/security/internal-auth";
import { jsonNoStore } from "@/lib/security/json-response";
import { listActiveBlocks } from "@/lib/telemetry/containment";

/** GET /api/internal/blocks: the active containment blocks, for the middleware; 404 to anyone else. */
export const GET = externalRoute(
  { name: "api.internal.blocks", reason: "internal call from the middleware, signed per call (HMAC)" },
  async (request: Request) => {
    const call = await verifyInternalCall(request, BLOCKS_PATH);
    if (!call.ok) return new Response("Not found", { status: 404 });
    const blocks = (await listActiveBlocks()).map(({ scope, value, classes, expiresAt }) => ({
      scope,
      value,
      classes,
      expiresAt,
    }));
    return jsonNoStore({ blocks });
  },
);
