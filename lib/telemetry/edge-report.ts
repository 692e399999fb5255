// Edge-safe: how the middleware, which has no database, gets its security events into the log.
// It posts them to an internal route handler (HMAC-authenticated) after the response is sent.
import type { NextFetchEvent, NextRequest } from "next/server";
import { logFromEdge } from "./edge-logger";
import { internalUrl, signInternalCall } from "@/lib/security/internal-auth";
import { REQUEST_ID_HEADER } from "@/lib/security/request-id";

export const SECURITY_EVENTS_PATH = "/api/internal/security-events";

export type EdgeSecurityEvent = {
  type:
    | "ratelimit.blocked"
    | "ratelimit.failure"
    | "probe.detected"
    | "probe.injection"
    | "probe.not_found"
    | "scanner.identified"
    | "scraping.suspected";
  severity: "INFO" | "WARNING" | "CRITICAL";
  route: string;
  host: string;
  details: Record<string, unknown>;
};

export function reportFromEdge(
  request: NextRequest,
  event: NextFetchEvent,
  payload: EdgeSecurityEvent,
  clientIp: string,
): void {
  // The request's id (set by the middleware) and agent travel with the event: the internal call
  // that carries it has its own.
  const context = {
    requestId: (request.headers.get(REQUEST_ID_HEADER) ?? "").slice(0, 64),
    userAgent: (request.headers.get("user-agent") ?? "").slice(0, 300),
  };
  logFromEdge("warn", "security_event", { ip: clientIp, ...payload, requestId: context.requestId });
  event.waitUntil(
    (async () => {
      try {
        const body = JSON.stringify({ ...payload, ...context });
        await fetch(internalUrl(request.nextUrl, SECURITY_EVENTS_PATH), {
          method: "POST",
          headers: {
            "content-type": "application/json",
            ...(await signInternalCall({ method: "POST", path: SECURITY_EVENTS_PATH, clientIp, body })),
          },
          body,
          signal: AbortSignal.timeout(5000),
        });
      } catch (error) {
        logFromEdge("warn", "security_event_delivery_failed", { error: String(error) });
      }
    })(),
  );
}
