import "server-only";
import { z } from "zod";
import { getTenantDb } from "@/lib/db";
import type { RequestMeta } from "@/lib/security/request-context";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";
import type { CurrentUser } from "./current-user";
import { displayNameSchema, newPasswordSchema, passwordInputSchema } from "./input-schemas";
import { hashPassword, verifyPassword } from "./password";
import { checkPasswordPolicy } from "./password-policy";
import { endUserTokens } from "./one-time-tokens";
import { revokeFamily, revokeUserFamilies } from "./session-store";
import { describeUserAgent } from "@/lib/security/user-agent";

export const changePasswordSchema = z
  .object({
    currentPassword: passwordInputSchema,
    newPassword: newPasswordSchema,
    confirmPassword: z.string().max(1024),
  })
  .strict()
  .superRefine((input, ctx) => {
    if (input.newPassword !== input.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two new passwords differ." });
    }
    if (input.newPassword === input.currentPassword) {
      ctx.addIssue({ code: "custom", path: ["newPassword"], message: "Choose a password you have not used here." });
    }
  });

export const profileSchema = z.object({ name: displayNameSchema }).strict();
export const sessionIdSchema = z.object({ sessionId: z.string().min(1).max(40) }).strict();

export type PasswordChangeResult = { ok: true; endedSessions: number } | { ok: false; field: string; message: string };

/**
 * Changes the password after checking the current one, then ends every other session: whoever
 * else might have been signed in with the old password is signed out.
 */
export async function changePassword(
  user: CurrentUser,
  input: z.output<typeof changePasswordSchema>,
  meta: RequestMeta,
): Promise<PasswordChangeResult> {
  const db = await getTenantDb(user.tenantId);
  const row = await db.user.findFirst({ where: { id: user.id, tenantId: user.tenantId } });
  if (!row || !(await verifyPassword(row.passwordHash, input.currentPassword))) {
    return { ok: false, field: "currentPassword", message: "Your current password is not right." };
  }
  const problem = checkPasswordPolicy(input.newPassword, { email: user.email });
  if (problem) return { ok: false, field: "newPassword", message: problem };
  await db.user.update({
    where: { id: user.id },
    data: { passwordHash: await hashPassword(input.newPassword), passwordChangedAt: new Date() },
  });
  // A confirmation or reset link mailed earlier must not outlive the password it was issued under.
  await endUserTokens(user);
  const endedSessions = await revokeUserFamilies(user, "password_changed", user.familyId);
  await recordSecurityEvent({
    type: "auth.password_changed",
    severity: "INFO",
    tenantId: user.tenantId,
    actor: user.email,
    ip: meta.ip,
    route: meta.route,
    details: { endedSessions },
  });
  return { ok: true, endedSessions };
}

export async function updateProfile(user: CurrentUser, input: z.output<typeof profileSchema>): Promise<void> {
  const db = await getTenantDb(user.tenantId);
  await db.user.update({ where: { id: user.id }, data: { name: input.name } });
}

export type SessionSummary = {
  id: string;
  device: string;
  ip: string;
  createdAt: Date;
  lastSeenAt: Date;
  current: boolean;
};

export async function listActiveSessions(user: CurrentUser): Promise<SessionSummary[]> {
  const db = await getTenantDb(user.tenantId);
  const now = new Date();
  const families = await db.sessionFamily.findMany({
    where: { userId: user.id, tenantId: user.tenantId, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { lastSeenAt: "desc" },
  });
  return families.map((family) => ({
    id: family.id,
    device: describeUserAgent(family.userAgent),
    ip: family.ip,
    createdAt: family.createdAt,
    lastSeenAt: family.lastSeenAt,
    current: family.id === user.familyId,
  }));
}

/** Ends one of the user's own sessions; an id that is not theirs changes nothing. */
export async function endSession(user: CurrentUser, sessionId: string, meta: RequestMeta): Promise<boolean> {
  const db = await getTenantDb(user.tenantId);
  const family = await db.sessionFamily.findFirst({
    where: { id: sessionId, userId: user.id, tenantId: user.tenantId, revokedAt: null },
  });
  if (!family) return false;
  await revokeFamily(family.id, family.id === user.familyId ? "logout" : "ended_by_user");
  await recordSecurityEvent({
    type: "session.revoked",
    severity: "INFO",
    tenantId: user.tenantId,
    actor: user.email,
    ip: meta.ip,
    route: meta.route,
    details: { familyId: family.id, reason: "ended_by_user" },
  });
  return true;
}

export async function endOtherSessions(user: CurrentUser, meta: RequestMeta): Promise<number> {
  const ended = await revokeUserFamilies(user, "ended_by_user", user.familyId);
  await recordSecurityEvent({
    type: "session.revoked",
    severity: "INFO",
    tenantId: user.tenantId,
    actor: user.email,
    ip: meta.ip,
    route: meta.route,
    details: { reason: "sign_out_everywhere_else", ended },
  });
  return ended;
}
