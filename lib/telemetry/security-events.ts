import "server-only";
import { getPlatformDb } from "@/lib/db";
import { addressPrefix } from "@/lib/security/client-ip";
import { logEvent } from "./logger";
import { pseudonymizeActor } from "./pseudonym";

/** Every control reports through these types; the admin log filters by them. */
export const SECURITY_EVENT_TYPES = [
  "auth.login_succeeded",
  "auth.login_failed",
  "auth.account_locked",
  "auth.honeypot_triggered",
  "auth.csrf_rejected",
  "auth.registered",
  "auth.email_verified",
  "auth.confirmation_resent",
  "auth.password_changed",
  "auth.password_reset_requested",
  "auth.password_reset_completed",
  "auth.password_reset_rejected",
  "auth.second_factor_enrolled",
  "auth.second_factor_disabled",
  "auth.second_factor_passed",
  "auth.second_factor_failed",
  "auth.second_factor_missing",
  "auth.recovery_codes_regenerated",
  "session.rotated",
  "session.reuse_detected",
  "session.revoked",
  "session.tenant_mismatch",
  "access.denied",
  "input.rejected",
  "ratelimit.blocked",
  "ratelimit.failure",
  "csp.violation",
  "probe.detected",
  "webhook.signature_invalid",
  "payment.amount_mismatch",
  "payment.needs_attention",
  "checkout.hold_refused",
  "admin.action",
] as const;

export type SecurityEventType = (typeof SECURITY_EVENT_TYPES)[number];
export type Severity = "INFO" | "WARNING" | "CRITICAL";

export type SecurityEventInput = {
  type: SecurityEventType;
  severity: Severity;
  tenantId?: string | null;
  actor?: string;
  ip?: string;
  route?: string;
  details?: Record<string, unknown>;
};

/**
 * Writes a SecurityEvent row and a structured log line, and returns the row's id. Never throws: a
 * failing audit write is logged loudly (and null returned) but must not turn a rejected request
 * into a 500.
 */
export async function recordSecurityEvent(input: SecurityEventInput): Promise<string | null> {
  // No email address reaches a log line or the security log, only its pseudonym.
  const event = { ...input, actor: pseudonymizeActor(input.actor) };
  const details = event.details ?? {};
  logEvent(event.severity === "INFO" ? "info" : "warn", "security_event", { ...event, details });
  try {
    const db = await getPlatformDb();
    const row = await db.securityEvent.create({
      select: { id: true },
      data: {
        type: event.type,
        severity: event.severity,
        tenantId: event.tenantId ?? null,
        actor: (event.actor ?? "").slice(0, 200),
        ip: (event.ip ?? "").slice(0, 64),
        ipPrefix: addressPrefix(event.ip ?? ""),
        route: (event.route ?? "").slice(0, 200),
        details: JSON.stringify(details).slice(0, 4000),
      },
    });
    return row.id;
  } catch (error) {
    logEvent("error", "security_event_write_failed", { type: event.type, error: String(error) });
    return null;
  }
}

/** A signed-in user asked for something their role does not allow. */
export function recordAccessDenied(input: {
  tenantId: string;
  actor: string;
  ip: string;
  route: string;
  role: string;
  required: string[];
}) {
  return recordSecurityEvent({
    type: "access.denied",
    severity: "WARNING",
    tenantId: input.tenantId,
    actor: input.actor,
    ip: input.ip,
    route: input.route,
    details: { role: input.role, required: input.required },
  });
}
