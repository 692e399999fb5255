import { externalRoute } from "@/lib/security/guard";
import { handleEdgeSecurityEvent } from "@/lib/telemetry/security-event-routes";

/** POST /api/internal/security-events: the middleware's events; HMAC-authenticated, 404 to anyone else. */
export const POST = externalRoute(
  { name: "api.internal.security-events", reason: "internal call from the middleware, HMAC-authenticated" },
  handleEdgeSecurityEvent,
);
