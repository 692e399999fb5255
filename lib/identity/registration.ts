import "server-only";
import { z } from "zod";
import { getPlatformDb } from "@/lib/db";
import { sendMail } from "@/lib/mail/send-mail";
import type { RequestMeta } from "@/lib/security/request-context";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";
import type { TenantDto } from "@/lib/tenancy";
import { displayNameSchema, emailSchema, honeypotSchema, newPasswordSchema } from "./input-schemas";
import { endUserTokens, findLiveToken, issueOneTimeToken } from "./one-time-tokens";
import { hashPassword } from "./password";
import { sendPasswordLink } from "./password-reset";
import { checkPasswordPolicy } from "./password-policy";

export const registrationSchema = z
  .object({ name: displayNameSchema, email: emailSchema, password: newPasswordSchema, website: honeypotSchema })
  .strict()
  .superRefine((input, ctx) => {
    const problem = checkPasswordPolicy(input.password, { email: input.email });
    if (problem) ctx.addIssue({ code: "custom", path: ["password"], message: problem });
  });

export type RegistrationInput = z.output<typeof registrationSchema>;

const VERIFICATION_TTL_MS = 24 * 60 * 60 * 1000;

/** The one answer to every registration, so the form never tells whether an email has an account. */
export function registrationReply(email: string): string {
  return `Thanks! We've sent an email to ${email}. Open the link in it to finish setting up your account.`;
}

async function issueVerification(tenant: TenantDto, userId: string, email: string, origin: string): Promise<void> {
  const token = await issueOneTimeToken({ id: userId, tenantId: tenant.id }, "EMAIL_VERIFICATION", VERIFICATION_TTL_MS);
  await sendMail({
    tenantId: tenant.id,
    to: email,
    subject: `Confirm your email for ${tenant.name}`,
    body: {
      paragraphs: [`Welcome to ${tenant.name}!`, "Confirm your email address to finish creating your account."],
      action: { label: "Confirm my email", url: `${origin}/verify-email?token=${token}` },
      footer: [
        "The link works once, for 24 hours; earlier links no longer work. If you did not ask for an account, ignore this email.",
      ],
    },
  });
}

/**
 * Registers a shopper. A new address gets an unconfirmed account and a confirmation link; an
 * address that already has a confirmed account gets a note instead. An unconfirmed one keeps its
 * password — registering again never changes an account — and its earlier links die; the address
 * gets a link to choose the password itself, so whoever reads the mailbox owns the account, never
 * whoever registered first or last. Each path hashes a password, and the reply is identical.
 */
export async function registerAccount(
  tenant: TenantDto,
  input: RegistrationInput,
  meta: RequestMeta,
  origin: string,
): Promise<string> {
  const reply = registrationReply(input.email);
  if (input.website !== "") {
    await recordSecurityEvent({
      type: "auth.honeypot_triggered",
      severity: "WARNING",
      tenantId: tenant.id,
      actor: input.email,
      ip: meta.ip,
      route: meta.route,
    });
    return reply;
  }
  const db = await getPlatformDb();
  const passwordHash = await hashPassword(input.password);
  const existing = await db.user.findUnique({ where: { tenantId_email: { tenantId: tenant.id, email: input.email } } });
  if (existing?.emailVerifiedAt) {
    await sendMail({
      tenantId: tenant.id,
      to: input.email,
      subject: `You already have an account at ${tenant.name}`,
      body: {
        paragraphs: [
          `Someone (probably you) tried to create an account at ${tenant.name} with this email address, which already has one.`,
        ],
        action: { label: "Sign in", url: `${origin}/sign-in` },
        footer: ["If this was not you, you can ignore this email; your account has not changed."],
      },
    });
  } else if (existing) {
    await endUserTokens(existing);
    await sendPasswordLink(tenant, existing, origin, "finish-registration");
  } else {
    const user = await db.user.create({
      data: { tenantId: tenant.id, email: input.email, name: input.name, passwordHash, role: "CUSTOMER" },
    });
    await issueVerification(tenant, user.id, input.email, origin);
  }
  await recordSecurityEvent({
    type: "auth.registered",
    severity: "INFO",
    tenantId: tenant.id,
    actor: input.email,
    ip: meta.ip,
    route: meta.route,
    details: { outcome: existing?.emailVerifiedAt ? "existing_account_notified" : existing ? "reissued" : "created" },
  });
  return reply;
}

export const resendConfirmationSchema = z.object({ email: emailSchema, website: honeypotSchema }).strict();

/** The one answer to every resend request: unknown, unconfirmed, confirmed or disabled alike. */
export function resendConfirmationReply(email: string): string {
  return `If ${email} has an account here that still needs confirming, we've sent it a new link. Earlier links no longer work.`;
}

/**
 * Mails a fresh confirmation link to an unconfirmed account; issuing it ends every earlier one.
 * Any other address gets nothing, and the answer is the same, so the form cannot be used to learn
 * whether an address has an account or has confirmed it.
 */
export async function resendConfirmation(
  tenant: TenantDto,
  input: z.output<typeof resendConfirmationSchema>,
  meta: RequestMeta,
  origin: string,
): Promise<string> {
  const reply = resendConfirmationReply(input.email);
  const event = { tenantId: tenant.id, actor: input.email, ip: meta.ip, route: meta.route };
  if (input.website !== "") {
    await recordSecurityEvent({ ...event, type: "auth.honeypot_triggered", severity: "WARNING" });
    return reply;
  }
  const db = await getPlatformDb();
  const user = await db.user.findUnique({ where: { tenantId_email: { tenantId: tenant.id, email: input.email } } });
  const eligible = !!user && !user.emailVerifiedAt && !user.disabledAt;
  if (eligible) await issueVerification(tenant, user.id, user.email, origin);
  await recordSecurityEvent({
    ...event,
    type: "auth.confirmation_resent",
    severity: "INFO",
    details: { outcome: eligible ? "link_sent" : "nothing_sent" },
  });
  return reply;
}

/** Confirms an email from its link. Single use; an unknown, used or expired token confirms nothing. */
export async function confirmEmail(tenant: TenantDto, token: string, meta: RequestMeta): Promise<boolean> {
  const now = new Date();
  const row = await findLiveToken(tenant.id, token, "EMAIL_VERIFICATION", now);
  if (!row) return false;
  const db = await getPlatformDb();
  const confirmed = await db.$transaction(async (tx) => {
    const used = await tx.oneTimeToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
    if (used.count !== 1) return false;
    await tx.user.update({ where: { id: row.userId }, data: { emailVerifiedAt: row.user.emailVerifiedAt ?? now } });
    return true;
  });
  if (confirmed) {
    await recordSecurityEvent({
      type: "auth.email_verified",
      severity: "INFO",
      tenantId: tenant.id,
      actor: row.user.email,
      ip: meta.ip,
      route: meta.route,
    });
  }
  return confirmed;
}
