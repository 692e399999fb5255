import { verifyInternalCall } from "@/lib/security/internal-auth";
import { externalRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { SECURITY_EVENTS_PATH } from "@/lib/telemetry/edge-report";
import { edgeEventSchema, recordEdgeEvent } from "@/lib/telemetry/edge-events";
import { findTenantByHost, normalizeHost } from "@/lib/tenancy";

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/** POST /api/internal/security-events: the middleware's events, signed per call; 404 to anyone else. */
export const POST = externalRoute(
  { name: "api.internal.security-events", reason: "internal call from the middleware, signed per call (HMAC)" },
  async (request: Request) => {
    const call = await verifyInternalCall(request, SECURITY_EVENTS_PATH);
    if (!call.ok) return new Response("Not found", { status: 404 });
    const parsed = edgeEventSchema.safeParse(parseJson(call.body));
    if (!parsed.success) return jsonNoStore({ error: "Invalid event." }, 400);
    // The tenant is derived from the host the middleware served, never taken from the caller.
    const host = normalizeHost(parsed.data.host);
    const tenant = host ? await findTenantByHost(host) : null;
    await recordEdgeEvent(parsed.data, tenant?.id ?? null, call.clientIp);
    return new Response(null, { status: 204 });
  },
);
