// Edge-safe: how the middleware, which has no database, gets its security events into the log.
// It posts them to an internal route handler (HMAC-authenticated) after the response is sent.
import type { NextFetchEvent, NextRequest } from "next/server";
import { logEvent } from "./logger";
import { internalUrl, signInternalCall } from "@/lib/security/internal-auth";

export const SECURITY_EVENTS_PATH = "/api/internal/security-events";

export type EdgeSecurityEvent = {
  type: "ratelimit.blocked" | "ratelimit.failure" | "probe.detected";
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
  logEvent("warn", "security_event", { ip: clientIp, ...payload });
  event.waitUntil(
    (async () => {
      try {
        const body = JSON.stringify(payload);
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
        logEvent("warn", "security_event_delivery_failed", { error: String(error) });
      }
    })(),
  );
}
