import "server-only";
import { getPlatformDb } from "@/lib/db";
import type { TenantDto } from "@/lib/tenancy";
import type { RequestMeta } from "@/lib/security/request-context";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";
import { emailSchema, honeypotSchema, passwordInputSchema } from "./input-schemas";
import { CLEARED_LOCKOUT, isLocked, registerFailure } from "./lockout";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "./password";
import type { SessionRole } from "./session-token";

export type AuthenticatedUser = { id: string; tenantId: string; email: string; name: string; role: SessionRole };

/** What every failed sign-in says, whatever the reason: no account enumeration. */
export const GENERIC_SIGN_IN_ERROR =
  "We couldn't sign you in with those details. Check them and try again; after several failed attempts sign-in pauses for a few minutes.";

type Attempt = { tenant: TenantDto; email: unknown; password: unknown; honeypot: unknown; meta: RequestMeta };

async function fail(
  attempt: Attempt,
  email: string,
  reason: string,
  extra: Record<string, unknown> = {},
): Promise<null> {
  await recordSecurityEvent({
    type: reason === "honeypot" ? "auth.honeypot_triggered" : "auth.login_failed",
    severity: "WARNING",
    tenantId: attempt.tenant.id,
    actor: email,
    ip: attempt.meta.ip,
    route: attempt.meta.route,
    details: { reason, ...extra },
  });
  return null;
}

/**
 * Checks a sign-in attempt for this store. Every path that rejects spends one password
 * verification, so timing does not tell an unknown email from a wrong password.
 */
export async function authenticateCredentials(attempt: Attempt): Promise<AuthenticatedUser | null> {
  const email = emailSchema.safeParse(attempt.email);
  const password = passwordInputSchema.safeParse(attempt.password);
  const honeypot = honeypotSchema.safeParse(attempt.honeypot);
  const typed = typeof attempt.password === "string" ? attempt.password.slice(0, 1024) : "";
  const label = email.success ? email.data : String(attempt.email ?? "").slice(0, 100);
  if (!email.success || !password.success) {
    await verifyAgainstDummy(typed);
    return fail(attempt, label, "malformed");
  }
  if (!honeypot.success || honeypot.data !== "") {
    await verifyAgainstDummy(typed);
    return fail(attempt, label, "honeypot");
  }

  const db = await getPlatformDb();
  const now = new Date();
  const user = await db.user.findUnique({
    where: { tenantId_email: { tenantId: attempt.tenant.id, email: email.data } },
  });
  if (!user) {
    await verifyAgainstDummy(password.data);
    return fail(attempt, email.data, "unknown_account");
  }
  if (isLocked(user, now)) {
    await verifyAgainstDummy(password.data);
    return fail(attempt, email.data, "locked", { lockedUntil: user.lockedUntil?.toISOString() });
  }
  const valid = await verifyPassword(user.passwordHash, password.data);
  if (!valid) {
    const next = registerFailure(user, now);
    await db.user.update({ where: { id: user.id }, data: next });
    if (next.lockedUntil) {
      await recordSecurityEvent({
        type: "auth.account_locked",
        severity: "WARNING",
        tenantId: attempt.tenant.id,
        actor: email.data,
        ip: attempt.meta.ip,
        route: attempt.meta.route,
        details: { failures: next.failedLoginCount, lockedUntil: next.lockedUntil.toISOString() },
      });
    }
    return fail(attempt, email.data, "wrong_password", { failures: next.failedLoginCount });
  }
  if (user.disabledAt || !user.emailVerifiedAt) {
    return fail(attempt, email.data, user.disabledAt ? "disabled" : "unverified");
  }
  // Parameters rise over time; a successful sign-in is the one moment the plain password is known.
  const upgraded = needsRehash(user.passwordHash) ? { passwordHash: await hashPassword(password.data) } : {};
  await db.user.update({ where: { id: user.id }, data: { ...CLEARED_LOCKOUT, ...upgraded } });
  await recordSecurityEvent({
    type: "auth.login_succeeded",
    severity: "INFO",
    tenantId: attempt.tenant.id,
    actor: email.data,
    ip: attempt.meta.ip,
    route: attempt.meta.route,
    details: { rehashed: "passwordHash" in upgraded },
  });
  return { id: user.id, tenantId: user.tenantId, email: user.email, name: user.name, role: user.role };
}
