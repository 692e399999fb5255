import "server-only";
import { z } from "zod";
import { getPlatformDb } from "@/lib/db";
import { sendMail } from "@/lib/mail/send-mail";
import type { RequestMeta } from "@/lib/security/request-context";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";
import type { TenantDto } from "@/lib/tenancy";
import { emailSchema, honeypotSchema, newPasswordSchema } from "./input-schemas";
import { clearSignInAttempts, throttleKey } from "./lockout";
import { endUserTokens, findLiveToken, issueOneTimeToken } from "./one-time-tokens";
import { hashPassword } from "./password";
import { checkPasswordPolicy } from "./password-policy";
import { revokeUserFamilies } from "./session-store";

// A shopper who forgot their password asks for a link by email; the answer never says whether the
// address has an account. The link is single-use, expires after an hour, is stored hashed, and
// dies when a newer one is issued or the password changes. Completing it sets the password,
// confirms the address (the mailbox has just been proved) and ends every session.

const RESET_TTL_MS = 60 * 60 * 1000;

export const passwordResetRequestSchema = z.object({ email: emailSchema, website: honeypotSchema }).strict();

export const passwordResetSchema = z
  .object({ token: z.string().min(1).max(200), newPassword: newPasswordSchema, confirmPassword: z.string().max(1024) })
  .strict()
  .superRefine((input, ctx) => {
    if (input.newPassword !== input.confirmPassword) {
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two passwords differ." });
    }
  });

/** The one answer to every reset request, so the form never tells whether an email has an account. */
export function passwordResetReply(email: string): string {
  return `If ${email} has an account here, we've sent it a link to choose a new password. The link works once, for an hour.`;
}

/**
 * Mails a link that sets a new password. Also how an unconfirmed account is finished when its
 * address is registered again: whoever reads the mailbox chooses the password, never whoever
 * registered last.
 */
export async function sendPasswordLink(
  tenant: TenantDto,
  user: { id: string; tenantId: string; email: string },
  origin: string,
  reason: "reset" | "finish-registration",
): Promise<void> {
  const token = await issueOneTimeToken(user, "PASSWORD_RESET", RESET_TTL_MS);
  const link = `${origin}/reset-password?token=${token}`;
  await sendMail(
    reason === "reset"
      ? {
          tenantId: tenant.id,
          to: user.email,
          subject: `Choose a new password for ${tenant.name}`,
          body: {
            paragraphs: [`Someone (probably you) asked to reset the password of your ${tenant.name} account.`],
            action: { label: "Choose a new password", url: link },
            footer: [
              "The link works once, for an hour, and signs you out everywhere. If you did not ask, ignore this email; your password has not changed.",
            ],
          },
        }
      : {
          tenantId: tenant.id,
          to: user.email,
          subject: `Finish creating your account at ${tenant.name}`,
          body: {
            paragraphs: [
              `Someone (probably you) tried to create an account at ${tenant.name} with this address, which has an account that was never confirmed.`,
              "To finish it, choose your password.",
            ],
            action: { label: "Choose my password", url: link },
            footer: [
              "The link works once, for an hour; earlier links no longer work. If this was not you, ignore this email.",
            ],
          },
        },
  );
}

export async function requestPasswordReset(
  tenant: TenantDto,
  input: z.output<typeof passwordResetRequestSchema>,
  meta: RequestMeta,
  origin: string,
): Promise<string> {
  const reply = passwordResetReply(input.email);
  const event = { tenantId: tenant.id, actor: input.email, ip: meta.ip, route: meta.route };
  if (input.website !== "") {
    await recordSecurityEvent({ ...event, type: "auth.honeypot_triggered", severity: "WARNING" });
    return reply;
  }
  const db = await getPlatformDb();
  const user = await db.user.findUnique({ where: { tenantId_email: { tenantId: tenant.id, email: input.email } } });
  if (user && !user.disabledAt) {
    await sendPasswordLink(tenant, user, origin, "reset");
  } else {
    // Mail either way: the work is alike, and the owner of the address learns of the request.
    await sendMail({
      tenantId: tenant.id,
      to: input.email,
      subject: `Password reset at ${tenant.name}`,
      body: {
        paragraphs: [
          `Someone (probably you) asked to reset the password for this address at ${tenant.name}, but there is no active account for it.`,
        ],
        action: { label: "Create an account", url: `${origin}/register` },
        footer: ["If this was not you, ignore this email."],
      },
    });
  }
  await recordSecurityEvent({
    ...event,
    type: "auth.password_reset_requested",
    severity: "INFO",
    details: { outcome: user && !user.disabledAt ? "link_sent" : "no_active_account" },
  });
  return reply;
}

export type PasswordResetResult = { ok: true } | { ok: false; field: string; message: string };

const INVALID_LINK =
  "This link is not valid any more. It may have been used already, replaced by a newer one, or expired; ask for a new one.";

class LinkAlreadyUsed extends Error {}

/** Sets a new password from a reset link: once, then every session and every other link ends. */
export async function resetPassword(
  tenant: TenantDto,
  input: z.output<typeof passwordResetSchema>,
  meta: RequestMeta,
): Promise<PasswordResetResult> {
  const now = new Date();
  const row = await findLiveToken(tenant.id, input.token, "PASSWORD_RESET", now);
  if (!row || row.user.disabledAt) {
    await recordSecurityEvent({
      type: "auth.password_reset_rejected",
      severity: "WARNING",
      tenantId: tenant.id,
      ip: meta.ip,
      route: meta.route,
      details: { reason: row ? "disabled" : "invalid_link" },
    });
    return { ok: false, field: "form", message: INVALID_LINK };
  }
  const { user } = row;
  const problem = checkPasswordPolicy(input.newPassword, { email: user.email });
  if (problem) return { ok: false, field: "newPassword", message: problem };
  const passwordHash = await hashPassword(input.newPassword);
  const db = await getPlatformDb();
  try {
    await db.$transaction(async (tx) => {
      const claimed = await tx.oneTimeToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
      if (claimed.count !== 1) throw new LinkAlreadyUsed();
      await tx.user.update({
        where: { id: user.id },
        data: { passwordHash, passwordChangedAt: now, emailVerifiedAt: user.emailVerifiedAt ?? now },
      });
    });
  } catch (error) {
    if (error instanceof LinkAlreadyUsed) return { ok: false, field: "form", message: INVALID_LINK };
    throw error;
  }
  await endUserTokens(user, now);
  const endedSessions = await revokeUserFamilies(user, "password_reset");
  // The owner has proved the mailbox: earlier guesses at this account no longer count.
  await clearSignInAttempts(throttleKey(tenant.id, user.email));
  await recordSecurityEvent({
    type: "auth.password_reset_completed",
    severity: "INFO",
    tenantId: tenant.id,
    actor: user.email,
    ip: meta.ip,
    route: meta.route,
    details: { endedSessions },
  });
  return { ok: true };
}
