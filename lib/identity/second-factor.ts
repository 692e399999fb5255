import "server-only";
import { z } from "zod";
import { getTenantDb } from "@/lib/db";
import { openSecret, sealSecret } from "@/lib/security/sealed-secret";
import type { RequestMeta } from "@/lib/security/request-context";
import { recordSecurityEvent, type SecurityEventType } from "@/lib/telemetry/security-events";
import type { CurrentUser } from "./current-user";
import { passwordInputSchema } from "./input-schemas";
import { verifyPassword } from "./password";
import {
  countRecoveryCodesLeft,
  deleteRecoveryCodes,
  replaceRecoveryCodes,
  redeemRecoveryCode,
} from "./recovery-codes";
import { raiseCredentialEpoch, revokeUserFamilies } from "./session-store";
import { buildOtpauthUri, encodeBase32, generateTotpSecret, matchTotp } from "./totp";

// Two-step verification: a TOTP authenticator, with single-use recovery codes for a lost phone.
// Required for administrators (they cannot reach the console without it), optional and encouraged
// for merchants and shoppers. Code guesses at sign-in are counted by the same lockout and
// per-account limit as passwords; on the settings page by the action's own rate limit.

export const secondFactorCodeSchema = z
  .string()
  .trim()
  .min(6, "Enter the 6-digit code from your app, or a recovery code.")
  .max(40, "That code is too long.");

export const confirmCodeSchema = z.object({ code: secondFactorCodeSchema }).strict();

const sealLabel = (userId: string) => `totp:${userId}`;

type SecondFactorUser = { id: string; tenantId: string; totpSecret: string | null; totpLastStep: number };

/**
 * Checks a code against the account's authenticator or its unused recovery codes. Each is
 * claimed by a conditional update, so a code works once even when sent twice in parallel. A
 * recovery code works even when the authenticator key cannot be opened (a rotated server secret).
 */
export async function verifySecondFactorCode(
  user: SecondFactorUser,
  code: string,
  now = new Date(),
): Promise<"totp" | "recovery" | null> {
  const digits = code.replace(/\s/g, "");
  if (!/^\d{6}$/.test(digits)) return (await redeemRecoveryCode(user, code, now)) ? "recovery" : null;
  const secret = user.totpSecret ? openSecret(user.totpSecret, sealLabel(user.id)) : null;
  if (!secret) return null;
  const step = matchTotp(secret, digits, now.getTime(), user.totpLastStep);
  if (step === null) return null;
  const db = await getTenantDb(user.tenantId);
  const claimed = await db.user.updateMany({
    where: { id: user.id, tenantId: user.tenantId, totpLastStep: { lt: step } },
    data: { totpLastStep: step },
  });
  return claimed.count === 1 ? "totp" : null;
}

export type SecondFactorStatus = {
  enabled: boolean;
  enabledAt: Date | null;
  recoveryCodesLeft: number;
  required: boolean;
  passedInThisSession: boolean;
};

export async function getSecondFactorStatus(user: CurrentUser): Promise<SecondFactorStatus> {
  const db = await getTenantDb(user.tenantId);
  const row = await db.user.findFirst({
    where: { id: user.id, tenantId: user.tenantId },
    select: { totpEnabledAt: true },
  });
  const recoveryCodesLeft = await countRecoveryCodesLeft(user);
  return {
    enabled: !!row?.totpEnabledAt,
    enabledAt: row?.totpEnabledAt ?? null,
    recoveryCodesLeft,
    required: user.role === "ADMINISTRATOR",
    passedInThisSession: user.secondFactor,
  };
}

async function report(
  user: CurrentUser,
  type: SecurityEventType,
  meta: RequestMeta,
  details: Record<string, unknown> = {},
) {
  await recordSecurityEvent({
    type,
    severity: type === "auth.second_factor_failed" || type === "auth.second_factor_disabled" ? "WARNING" : "INFO",
    tenantId: user.tenantId,
    actor: user.email,
    ip: meta.ip,
    route: meta.route,
    details,
  });
}

/**
 * Who may set up an authenticator now: anyone without one, and — to move to a new phone, or after
 * the server's secret was rotated — a session that has passed the second factor.
 */
function mayEnrol(row: { totpEnabledAt: Date | null }, user: CurrentUser): boolean {
  return !row.totpEnabledAt || user.secondFactor;
}

/** Step one: a new secret, kept sealed as pending until a code from it proves the app has it. */
export async function startEnrollment(
  user: CurrentUser,
  issuer: string,
): Promise<{ secret: string; uri: string } | null> {
  const db = await getTenantDb(user.tenantId);
  const row = await db.user.findFirst({ where: { id: user.id, tenantId: user.tenantId } });
  if (!row || !mayEnrol(row, user)) return null;
  const secret = generateTotpSecret();
  await db.user.updateMany({
    where: { id: user.id, tenantId: user.tenantId },
    data: { totpPendingSecret: sealSecret(secret, sealLabel(user.id)) },
  });
  return {
    secret: encodeBase32(secret)
      .replace(/(.{4})/g, "$1 ")
      .trim(),
    uri: buildOtpauthUri(issuer, user.email, secret),
  };
}

export const enrolSchema = z.object({ code: secondFactorCodeSchema, password: passwordInputSchema }).strict();

export type EnrollmentResult =
  { ok: true; recoveryCodes: string[]; endedSessions: number } | { ok: false; field: string; message: string };

/**
 * Step two: the account's password and a code from the pending secret turn two-step verification
 * on (a stolen session alone cannot put a thief's phone on the account). This session counts as
 * having passed it; every other session of the account is signed out, since none of them has.
 */
export async function confirmEnrollment(
  user: CurrentUser,
  input: z.output<typeof enrolSchema>,
  meta: RequestMeta,
): Promise<EnrollmentResult> {
  const db = await getTenantDb(user.tenantId);
  const row = await db.user.findFirst({ where: { id: user.id, tenantId: user.tenantId } });
  if (!row || !mayEnrol(row, user)) {
    return { ok: false, field: "code", message: "Sign in with your current code to set up a new authenticator." };
  }
  if (!(await verifyPassword(row.passwordHash, input.password))) {
    await report(user, "auth.second_factor_failed", meta, { stage: "enrolment-password" });
    return { ok: false, field: "password", message: "Your password is not right." };
  }
  const pending = row.totpPendingSecret ? openSecret(row.totpPendingSecret, sealLabel(user.id)) : null;
  if (!pending)
    return { ok: false, field: "code", message: "Start the set-up again: scan the new code with your app." };
  const step = matchTotp(pending, input.code, Date.now(), 0);
  if (step === null) {
    await report(user, "auth.second_factor_failed", meta, { stage: "enrolment" });
    return {
      ok: false,
      field: "code",
      message: "That code doesn't match. Check your phone's clock and try the newest code.",
    };
  }
  const now = new Date();
  const enabled = await db.user.updateMany({
    where: { id: user.id, tenantId: user.tenantId, totpPendingSecret: row.totpPendingSecret },
    data: {
      totpSecret: row.totpPendingSecret,
      totpPendingSecret: null,
      totpEnabledAt: row.totpEnabledAt ?? now,
      totpLastStep: step,
    },
  });
  if (enabled.count !== 1) return { ok: false, field: "code", message: "Start the set-up again." };
  const recoveryCodes = await replaceRecoveryCodes(user);
  await db.sessionFamily.updateMany({
    where: { id: user.familyId, tenantId: user.tenantId },
    data: { secondFactorAt: now },
  });
  const endedSessions = await revokeUserFamilies(user, "second_factor_enrolled", user.familyId);
  await report(user, "auth.second_factor_enrolled", meta, { endedSessions, replaced: !!row.totpEnabledAt });
  return { ok: true, recoveryCodes, endedSessions };
}

async function checkCurrentCode(user: CurrentUser, code: string, meta: RequestMeta, action: string) {
  const db = await getTenantDb(user.tenantId);
  const row = await db.user.findFirst({ where: { id: user.id, tenantId: user.tenantId } });
  if (!row?.totpEnabledAt) return "off" as const;
  const method = await verifySecondFactorCode(row, code);
  if (!method) await report(user, "auth.second_factor_failed", meta, { stage: action });
  return method;
}

export type CodeActionResult = { ok: true; recoveryCodes?: string[] } | { ok: false; message: string };

/** New recovery codes (the old ones stop working), after a current code. */
export async function regenerateRecoveryCodes(
  user: CurrentUser,
  code: string,
  meta: RequestMeta,
): Promise<CodeActionResult> {
  const method = await checkCurrentCode(user, code, meta, "recovery-codes");
  if (method === "off") return { ok: false, message: "Two-step verification is off." };
  if (!method) return { ok: false, message: "That code doesn't match." };
  const recoveryCodes = await replaceRecoveryCodes(user);
  await report(user, "auth.recovery_codes_regenerated", meta, { method });
  return { ok: true, recoveryCodes };
}

/** Turns two-step verification off, after a current code; administrators cannot. */
export async function disableSecondFactor(
  user: CurrentUser,
  code: string,
  meta: RequestMeta,
): Promise<CodeActionResult> {
  if (user.role === "ADMINISTRATOR")
    return { ok: false, message: "Administrators must keep two-step verification on." };
  const method = await checkCurrentCode(user, code, meta, "disable");
  if (method === "off") return { ok: false, message: "Two-step verification is already off." };
  if (!method) return { ok: false, message: "That code doesn't match." };
  const db = await getTenantDb(user.tenantId);
  await db.user.updateMany({
    where: { id: user.id, tenantId: user.tenantId },
    data: { totpSecret: null, totpPendingSecret: null, totpEnabledAt: null, totpLastStep: 0 },
  });
  await deleteRecoveryCodes(user);
  // Device cookies minted while the second factor guarded the account stop being trusted.
  await raiseCredentialEpoch(user);
  await report(user, "auth.second_factor_disabled", meta, { method });
  return { ok: true };
}
