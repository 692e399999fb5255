import { handleRefreshRequest } from "@/lib/identity/refresh-route";
import { externalRoute } from "@/lib/security/guard";

/** POST /api/session/refresh: the middleware's own call, authenticated by HMAC; 404 to anyone else. */
export const POST = externalRoute(
  { name: "api.session.refresh", reason: "internal call from the middleware, HMAC-authenticated" },
  handleRefreshRequest,
);
