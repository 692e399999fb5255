// Edge-safe: how the middleware, which has no database, gets its security events into the log.
// It posts them to an internal route handler (HMAC-authenticated) after the response is sent.
import type { NextFetchEvent, NextRequest } from "next/server";
import { logEvent } from "./logger";
import {
  CLIENT_IP_HEADER,
  createInternalAuthValue,
  INTERNAL_AUTH_HEADER,
  internalUrl,
} from "@/lib/security/internal-auth";

export const SECURITY_EVENTS_LABEL = "security-events";

export type EdgeSecurityEvent = {
  type: "ratelimit.blocked" | "ratelimit.failure";
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
        await fetch(internalUrl(request.nextUrl, "/api/internal/security-events"), {
          method: "POST",
          headers: {
            "content-type": "application/json",
            [INTERNAL_AUTH_HEADER]: await createInternalAuthValue(SECURITY_EVENTS_LABEL),
            [CLIENT_IP_HEADER]: clientIp,
          },
          body: JSON.stringify(payload),
          signal: AbortSignal.timeout(5000),
        });
      } catch (error) {
        logEvent("warn", "security_event_delivery_failed", { error: String(error) });
      }
    })(),
  );
}
