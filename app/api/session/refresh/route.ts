import { REFRESH_PATH } from "@/lib/identity/middleware-session";
import { rotateForMiddleware } from "@/lib/identity/rotate-for-middleware";
import { verifyInternalCall } from "@/lib/security/internal-auth";
import { externalRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { readRequestMeta } from "@/lib/security/request-context";

/** POST /api/session/refresh: the middleware's own call, signed per call; 404 to anyone else. */
export const POST = externalRoute(
  { name: "api.session.refresh", reason: "internal call from the middleware, signed per call (HMAC)" },
  async (request: Request) => {
    const call = await verifyInternalCall(request, REFRESH_PATH);
    if (!call.ok) return new Response("Not found", { status: 404 });
    const meta = { ...readRequestMeta(request.headers, "/api/session/refresh"), ip: call.clientIp };
    return jsonNoStore(await rotateForMiddleware(call.body, meta));
  },
);
