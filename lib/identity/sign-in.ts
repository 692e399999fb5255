import "server-only";
import { getPlatformDb } from "@/lib/db";
import type { TenantDto } from "@/lib/tenancy";
import type { RequestMeta } from "@/lib/security/request-context";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";
import { tagTriedPassword } from "./credential-tag";
import { rememberEpoch } from "./device-cookie";
import { emailSchema, honeypotSchema, passwordInputSchema } from "./input-schemas";
import { claimSignInAttempt, clearSignInAttempts, throttleKey, type AttemptClaim } from "./lockout";
import { hashPassword, needsRehash, verifyAgainstDummy, verifyPassword } from "./password";
import { verifySecondFactorCode } from "./second-factor";
import type { SessionRole } from "./session-token";

export type AuthenticatedUser = {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: SessionRole;
  /** Whether this sign-in passed the second factor. */
  secondFactor: boolean;
};

/**
 * The password was right and the account has two-step verification: the code is missing, or it
 * was wrong. Said only after the right password, so it tells nothing to whoever lacks it.
 */
export type SecondFactorChallenge = { challenge: "second-factor-required" | "second-factor-failed" };

/** What every failed sign-in says, whatever the reason: no account enumeration. */
export const GENERIC_SIGN_IN_ERROR =
  "We couldn't sign you in with those details. Check them and try again; after several failed attempts sign-in pauses for a few minutes.";

type Attempt = {
  tenant: TenantDto;
  email: unknown;
  password: unknown;
  honeypot: unknown;
  meta: RequestMeta;
  deviceId?: string;
  /** A TOTP code or a recovery code, for accounts with two-step verification. */
  otp?: unknown;
};

async function fail(
  attempt: Attempt,
  email: string | null,
  reason: string,
  extra: Record<string, unknown> = {},
  triedPassword?: string,
): Promise<null> {
  await recordSecurityEvent({
    ...(triedPassword ? { credentialTag: tagTriedPassword(triedPassword) } : {}),
    type: reason === "honeypot" ? "auth.honeypot_triggered" : "auth.login_failed",
    severity: "WARNING",
    tenantId: attempt.tenant.id,
    actor: email ?? "",
    ip: attempt.meta.ip,
    route: attempt.meta.route,
    details: { reason, ...extra },
  });
  return null;
}

/** The attempt that set the lock says so in the log: wrong passwords and wrong codes alike. */
async function reportLock(attempt: Attempt, email: string, claim: AttemptClaim): Promise<void> {
  if (!claim.allowed || !claim.lockedUntil) return;
  await recordSecurityEvent({
    type: "auth.account_locked",
    severity: "WARNING",
    tenantId: attempt.tenant.id,
    actor: email,
    ip: attempt.meta.ip,
    route: attempt.meta.route,
    details: { attempts: claim.attempts, lockedUntil: claim.lockedUntil.toISOString(), device: !!attempt.deviceId },
  });
}

/**
 * Checks a sign-in attempt for this store. Every attempt is counted before its password is
 * checked (lockout.ts), for an email with or without an account alike, and every path that
 * rejects spends one password verification: the work, and so the time, does not tell an unknown
 * email from a wrong password. `deviceId` comes from a verified device cookie for this email: a
 * device that signed in before is counted on its own, so others' guesses cannot lock it out.
 */
export async function authenticateCredentials(
  attempt: Attempt,
): Promise<AuthenticatedUser | SecondFactorChallenge | null> {
  const email = emailSchema.safeParse(attempt.email);
  const password = passwordInputSchema.safeParse(attempt.password);
  const honeypot = honeypotSchema.safeParse(attempt.honeypot);
  const typed = typeof attempt.password === "string" ? attempt.password.slice(0, 1024) : "";
  if (!email.success || !password.success) {
    await verifyAgainstDummy(typed);
    return fail(attempt, null, "malformed");
  }
  if (!honeypot.success || honeypot.data !== "") {
    await verifyAgainstDummy(typed);
    return fail(attempt, email.data, "honeypot");
  }

  const now = new Date();
  const key = throttleKey(attempt.tenant.id, email.data, attempt.deviceId);
  const claim = await claimSignInAttempt(key, now);
  const db = await getPlatformDb();
  const user = await db.user.findUnique({
    where: { tenantId_email: { tenantId: attempt.tenant.id, email: email.data } },
  });
  if (user) rememberEpoch(attempt.tenant.id, email.data, user.credentialEpoch);
  if (!claim.allowed) {
    await verifyAgainstDummy(password.data);
    return fail(attempt, email.data, "locked", {}, password.data);
  }
  const valid = user ? await verifyPassword(user.passwordHash, password.data) : await verifyAgainstDummy(password.data);
  if (!user || !valid) {
    await reportLock(attempt, email.data, claim);
    return fail(
      attempt,
      email.data,
      user ? "wrong_password" : "unknown_account",
      { attempts: claim.attempts },
      password.data,
    );
  }
  if (user.disabledAt || !user.emailVerifiedAt) {
    return fail(attempt, email.data, user.disabledAt ? "disabled" : "unverified");
  }
  let secondFactor = false;
  if (user.totpEnabledAt) {
    // The attempt stays counted until the code is right: code guesses spend the same budget.
    const code = typeof attempt.otp === "string" ? attempt.otp.trim().slice(0, 40) : "";
    if (!code) {
      // The right password alone still counts, and may be the attempt that sets the pause.
      await reportLock(attempt, email.data, claim);
      return { challenge: "second-factor-required" };
    }
    const method = await verifySecondFactorCode(user, code, now);
    if (!method) {
      await reportLock(attempt, email.data, claim);
      await recordSecurityEvent({
        type: "auth.second_factor_failed",
        severity: "WARNING",
        tenantId: attempt.tenant.id,
        actor: email.data,
        ip: attempt.meta.ip,
        route: attempt.meta.route,
        details: { stage: "sign-in", attempts: claim.attempts },
      });
      return { challenge: "second-factor-failed" };
    }
    secondFactor = true;
    await recordSecurityEvent({
      type: "auth.second_factor_passed",
      severity: "INFO",
      tenantId: attempt.tenant.id,
      actor: email.data,
      ip: attempt.meta.ip,
      route: attempt.meta.route,
      details: { method },
    });
  }
  await clearSignInAttempts(key);
  // Parameters rise over time; a successful sign-in is the one moment the plain password is known.
  if (needsRehash(user.passwordHash)) {
    await db.user.update({ where: { id: user.id }, data: { passwordHash: await hashPassword(password.data) } });
  }
  await recordSecurityEvent({
    type: "auth.login_succeeded",
    severity: "INFO",
    tenantId: attempt.tenant.id,
    actor: email.data,
    ip: attempt.meta.ip,
    route: attempt.meta.route,
    details: { rehashed: needsRehash(user.passwordHash), trustedDevice: !!attempt.deviceId },
  });
  return { id: user.id, tenantId: user.tenantId, email: user.email, name: user.name, role: user.role, secondFactor };
}
