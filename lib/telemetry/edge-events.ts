import "server-only";
import { z } from "zod";
import { recordSecurityEvent } from "./security-events";

// Only what the middleware reports: its own event types and severities, a bounded route, the
// host it served (the tenant is derived from that, never taken from the caller) and small details.
export const edgeEventSchema = z
  .object({
    type: z.enum([
      "ratelimit.blocked",
      "ratelimit.failure",
      "probe.detected",
      "probe.injection",
      "probe.not_found",
      "scanner.identified",
      "scraping.suspected",
    ]),
    severity: z.enum(["WARNING", "CRITICAL"]),
    route: z.string().max(300),
    host: z.string().max(260),
    details: z.record(z.string().max(40), z.union([z.string().max(300), z.number(), z.boolean()])),
    requestId: z.string().max(64).optional(),
    userAgent: z.string().max(300).optional(),
  })
  .strict()
  .refine((event) => Object.keys(event.details).length <= 10);

/** Records one event the middleware reported (it has no database), for the store its host names. */
export async function recordEdgeEvent(
  event: z.output<typeof edgeEventSchema>,
  tenantId: string | null,
  clientIp: string,
): Promise<void> {
  await recordSecurityEvent({
    type: event.type,
    severity: event.severity,
    tenantId,
    ip: clientIp,
    route: event.route,
    details: event.details,
    requestId: event.requestId ?? "",
    userAgent: event.userAgent ?? "",
  });
}
