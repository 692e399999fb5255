import "server-only";
import { createHash, randomBytes } from "node:crypto";
import { z } from "zod";
import { getTenantDb } from "@/lib/db";
import { openSecret, sealSecret } from "@/lib/security/sealed-secret";
import type { RequestMeta } from "@/lib/security/request-context";
import { recordSecurityEvent, type SecurityEventType } from "@/lib/telemetry/security-events";
import type { CurrentUser } from "./current-user";
import { revokeUserFamilies } from "./session-store";
import { buildOtpauthUri, encodeBase32, generateTotpSecret, matchTotp } from "./totp";

// Two-step verification: a TOTP authenticator, with single-use recovery codes for a lost phone.
// Required for administrators (they cannot reach the console without it), optional and encouraged
// for merchants and shoppers. Code guesses at sign-in are counted by the same lockout and
// per-account limit as passwords; on the settings page by the action's own rate limit.

export const RECOVERY_CODE_COUNT = 10;

export const secondFactorCodeSchema = z
  .string()
  .trim()
  .min(6, "Enter the 6-digit code from your app, or a recovery code.")
  .max(40, "That code is too long.");

export const confirmCodeSchema = z.object({ code: secondFactorCodeSchema }).strict();

const sealLabel = (userId: string) => `totp:${userId}`;

function hashRecoveryCode(userId: string, code: string): string {
  const normalized = code.toLowerCase().replace(/[^a-z0-9]/g, "");
  return createHash("sha256").update(`recovery\n${userId}\n${normalized}`).digest("hex");
}

/** Ten codes of ten base32 characters (50 bits each), shown once, stored only as hashes. */
function createRecoveryCodes(): string[] {
  return Array.from({ length: RECOVERY_CODE_COUNT }, () => {
    const text = encodeBase32(randomBytes(7)).slice(0, 10).toLowerCase();
    return `${text.slice(0, 5)}-${text.slice(5)}`;
  });
}

async function replaceRecoveryCodes(user: { id: string; tenantId: string }): Promise<string[]> {
  const codes = createRecoveryCodes();
  const db = await getTenantDb(user.tenantId);
  await db.$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId: user.id, tenantId: user.tenantId } });
    await tx.recoveryCode.createMany({
      data: codes.map((code) => ({
        tenantId: user.tenantId,
        userId: user.id,
        codeHash: hashRecoveryCode(user.id, code),
      })),
    });
  });
  return codes;
}

type SecondFactorUser = { id: string; tenantId: string; totpSecret: string | null; totpLastStep: number };

/**
 * Checks a code against the account's authenticator or its unused recovery codes. Each is
 * claimed by a conditional update, so a code works once even when sent twice in parallel.
 */
export async function verifySecondFactorCode(
  user: SecondFactorUser,
  code: string,
  now = new Date(),
): Promise<"totp" | "recovery" | null> {
  const db = await getTenantDb(user.tenantId);
  const secret = user.totpSecret ? openSecret(user.totpSecret, sealLabel(user.id)) : null;
  if (!secret) return null;
  const digits = code.replace(/\s/g, "");
  if (/^\d{6}$/.test(digits)) {
    const step = matchTotp(secret, digits, now.getTime(), user.totpLastStep);
    if (step === null) return null;
    const claimed = await db.user.updateMany({
      where: { id: user.id, tenantId: user.tenantId, totpLastStep: { lt: step } },
      data: { totpLastStep: step },
    });
    return claimed.count === 1 ? "totp" : null;
  }
  const used = await db.recoveryCode.updateMany({
    where: { userId: user.id, tenantId: user.tenantId, codeHash: hashRecoveryCode(user.id, code), usedAt: null },
    data: { usedAt: now },
  });
  return used.count === 1 ? "recovery" : null;
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
  const recoveryCodesLeft = await db.recoveryCode.count({
    where: { userId: user.id, tenantId: user.tenantId, usedAt: null },
  });
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

/** Step one: a new secret, kept sealed as pending until a code from it proves the app has it. */
export async function startEnrollment(user: CurrentUser, issuer: string): Promise<{ secret: string; uri: string }> {
  const secret = generateTotpSecret();
  const db = await getTenantDb(user.tenantId);
  await db.user.updateMany({
    where: { id: user.id, tenantId: user.tenantId, totpEnabledAt: null },
    data: { totpPendingSecret: sealSecret(secret, sealLabel(user.id)) },
  });
  return {
    secret: encodeBase32(secret)
      .replace(/(.{4})/g, "$1 ")
      .trim(),
    uri: buildOtpauthUri(issuer, user.email, secret),
  };
}

export type EnrollmentResult =
  { ok: true; recoveryCodes: string[]; endedSessions: number } | { ok: false; message: string };

/**
 * Step two: a code from the pending secret turns two-step verification on. This session counts as
 * having passed it; every other session of the account is signed out, since none of them has.
 */
export async function confirmEnrollment(user: CurrentUser, code: string, meta: RequestMeta): Promise<EnrollmentResult> {
  const db = await getTenantDb(user.tenantId);
  const row = await db.user.findFirst({ where: { id: user.id, tenantId: user.tenantId } });
  if (!row || row.totpEnabledAt) return { ok: false, message: "Two-step verification is already on." };
  const pending = row.totpPendingSecret ? openSecret(row.totpPendingSecret, sealLabel(user.id)) : null;
  if (!pending) return { ok: false, message: "Start the set-up again: scan the new code with your app." };
  const step = matchTotp(pending, code, Date.now(), 0);
  if (step === null) {
    await report(user, "auth.second_factor_failed", meta, { stage: "enrolment" });
    return { ok: false, message: "That code doesn't match. Check your phone's clock and try the newest code." };
  }
  const now = new Date();
  const enabled = await db.user.updateMany({
    where: { id: user.id, tenantId: user.tenantId, totpEnabledAt: null, totpPendingSecret: row.totpPendingSecret },
    data: { totpSecret: row.totpPendingSecret, totpPendingSecret: null, totpEnabledAt: now, totpLastStep: step },
  });
  if (enabled.count !== 1) return { ok: false, message: "Two-step verification is already on." };
  const recoveryCodes = await replaceRecoveryCodes(user);
  await db.sessionFamily.updateMany({
    where: { id: user.familyId, tenantId: user.tenantId },
    data: { secondFactorAt: now },
  });
  const endedSessions = await revokeUserFamilies(user, "second_factor_enrolled", user.familyId);
  await report(user, "auth.second_factor_enrolled", meta, { endedSessions });
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
  await db.recoveryCode.deleteMany({ where: { userId: user.id, tenantId: user.tenantId } });
  await report(user, "auth.second_factor_disabled", meta, { method });
  return { ok: true };
}
