import { verifyInternalCall } from "@/lib/security/internal-auth";
import { externalRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { EDGE_BATCH_MAX_BYTES, SECURITY_EVENTS_PATH } from "@/lib/telemetry/edge-report";
import { edgeBatchSchema, recordEdgeBatch } from "@/lib/telemetry/edge-events";
import { findTenantByHost, normalizeHost } from "@/lib/tenancy";

/** The store a host the middleware served names, if any: never taken from the caller. */
async function storeOf(host: string): Promise<string | null> {
  const normal = normalizeHost(host);
  return normal ? ((await findTenantByHost(normal))?.id ?? null) : null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** POST /api/internal/security-events: the middleware's events in batches, signed per call; 404 to anyone else. */
export const POST = externalRoute(
  { name: "api.internal.security-events", reason: "internal call from the middleware, signed per call (HMAC)" },
  async (request: Request) => {
    const call = await verifyInternalCall(request, SECURITY_EVENTS_PATH, Date.now(), EDGE_BATCH_MAX_BYTES);
    if (!call.ok) return new Response("Not found", { status: 404 });
    const parsed = edgeBatchSchema.safeParse(parseJson(call.body));
    if (!parsed.success) return jsonNoStore({ error: "Invalid events." }, 400);
    // Each event's tenant is derived from the host the middleware served, never taken from the caller.
    await recordEdgeBatch(parsed.data, storeOf);
    return new Response(null, { status: 204 });
  },
);
