import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { getTenantDb } from "@/lib/db";
import type { RequestMeta } from "@/lib/security/request-context";
import { recordAudit } from "@/lib/telemetry/audit";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";
import type { TenantDto } from "@/lib/tenancy";
import { displayNameSchema, newPasswordSchema } from "./input-schemas";
import { claimSignInAttempt, clearSignInAttempts, throttleKey } from "./lockout";
import { endUserTokens, findInvitation, type InvitationProblem, type InvitationRow } from "./one-time-tokens";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "./password";
import { checkPasswordPolicy } from "./password-policy";
import { revokeUserFamilies } from "./session-store";
import type { StoreRole } from "./session-token";

// Accepting an invitation to a store's team (invitations.ts issues them), on the store's own host.
//
// - No account with the invited address in this store: the link has proved the mailbox, so the
//   account is created already confirmed, with the name and a password under the usual policy.
// - An account that was never confirmed: treated alike (whoever reads the mailbox owns it, as in
//   registration): its name and password are replaced, it is confirmed, its old links die.
// - A confirmed account (a shopper of the store): raising it to merchant takes its current
//   password as well as the link — the link alone proves the mailbox, not the account — counted
//   like a sign-in attempt. Its password and name stay; every session of it ends, so the new role
//   starts from a fresh sign-in.
// - A member of the team already, or a disabled account: refused, nothing changes.
// The link is claimed in the transaction that writes the account: of parallel acceptances one wins.

export const acceptInvitationSchema = z
  .object({
    token: z.string().min(1).max(200),
    name: displayNameSchema.optional(),
    newPassword: newPasswordSchema.optional(),
    confirmPassword: z.string().max(1024).optional(),
    currentPassword: z.string().max(1024).optional(),
  })
  .strict();

export type AcceptInvitationInput = z.output<typeof acceptInvitationSchema>;

/**
 * What acceptances are counted by, besides the client: the invitation (its link's hash, never the
 * link), so one link cannot be tried faster than registration allows, whoever tries it from wherever.
 */
export function invitationLimitKey(input: AcceptInvitationInput): string {
  return `invitation:${createHash("sha256").update(input.token).digest("hex")}`;
}

const PROBLEMS: Record<InvitationProblem | "member" | "disabled", string> = {
  unknown: "This invitation link is not valid. Open the whole link from the email, on the store it names.",
  "other-store": "This invitation link is not valid. Open the whole link from the email, on the store it names.",
  used: "This invitation has already been accepted. Sign in instead.",
  revoked: "This invitation was withdrawn or replaced by a newer one. Use the newest invitation, or ask for another.",
  expired: "This invitation has expired. Ask the store's owner, or the platform, to invite you again.",
  member: "This address is already on the store's team. Sign in instead.",
  disabled: "The account with this address is disabled. Contact the store.",
};

export type InvitationView =
  { ok: true; email: string; storeRole: StoreRole; account: "new" | "existing" } | { ok: false; message: string };

type Found = { invitation: InvitationRow; account: Awaited<ReturnType<typeof findAccount>> };

async function findAccount(tenantId: string, email: string) {
  const db = await getTenantDb(tenantId);
  return db.user.findFirst({ where: { email } });
}

async function lookUp(tenant: TenantDto, token: string): Promise<Found | { problem: keyof typeof PROBLEMS }> {
  const found = await findInvitation(tenant.id, token);
  if (!found.ok) return { problem: found.problem };
  const account = await findAccount(tenant.id, found.invitation.email);
  if (account?.role === "MERCHANT" || account?.role === "ADMINISTRATOR") return { problem: "member" };
  if (account?.disabledAt) return { problem: "disabled" };
  return { invitation: found.invitation, account };
}

/** What the invitation page shows: the address and role, and which form — or why it cannot be used. */
export async function describeInvitation(tenant: TenantDto, token: string): Promise<InvitationView> {
  const found = await lookUp(tenant, token);
  if ("problem" in found) return { ok: false, message: PROBLEMS[found.problem] };
  return {
    ok: true,
    email: found.invitation.email,
    storeRole: found.invitation.storeRole,
    account: found.account?.emailVerifiedAt ? "existing" : "new",
  };
}

export type AcceptResult = { ok: true; account: "created" | "joined" } | { ok: false; field: string; message: string };

class InvitationTaken extends Error {}

const refuse = (field: string, message: string): AcceptResult => ({ ok: false, field, message });

export async function acceptInvitation(
  tenant: TenantDto,
  input: AcceptInvitationInput,
  meta: RequestMeta,
): Promise<AcceptResult> {
  const event = { tenantId: tenant.id, ip: meta.ip, route: meta.route };
  const found = await lookUp(tenant, input.token);
  if ("problem" in found) {
    await recordSecurityEvent({
      ...event,
      type: "auth.invitation_rejected",
      severity: found.problem === "other-store" ? "CRITICAL" : "WARNING",
      details: { reason: found.problem },
    });
    return refuse("form", PROBLEMS[found.problem]);
  }
  const { invitation, account } = found;
  const now = new Date();
  const db = await getTenantDb(tenant.id);
  const claim = (tx: Pick<typeof db, "oneTimeToken">) =>
    tx.oneTimeToken
      .updateMany({
        where: { id: invitation.id, purpose: "INVITATION", usedAt: null, revokedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      })
      .then((claimed) => {
        if (claimed.count !== 1) throw new InvitationTaken();
      });
  const membership = { role: "MERCHANT" as const, storeRole: invitation.storeRole, teamJoinedAt: now };
  let userId: string;
  try {
    if (account?.emailVerifiedAt) {
      const outcome = await checkCurrentPassword(tenant, account, input.currentPassword ?? "", now);
      if (outcome) {
        await recordSecurityEvent({
          ...event,
          type: "auth.invitation_rejected",
          severity: "WARNING",
          actor: account.email,
          details: { reason: outcome.reason },
        });
        return refuse("currentPassword", outcome.message);
      }
      await db.$transaction(async (tx) => {
        await claim(tx);
        const raised = await tx.user.updateMany({
          where: { id: account.id, role: "CUSTOMER", disabledAt: null },
          data: membership,
        });
        if (raised.count !== 1) throw new InvitationTaken();
      });
      userId = account.id;
    } else {
      const name = input.name ?? "";
      if (!name) return refuse("name", "Enter your name.");
      const password = input.newPassword ?? "";
      const problem = checkPasswordPolicy(password, { email: invitation.email });
      if (problem) return refuse("newPassword", problem);
      if (password !== input.confirmPassword) return refuse("confirmPassword", "The two passwords differ.");
      const passwordHash = await hashPassword(password);
      const details = { name, passwordHash, passwordChangedAt: now, emailVerifiedAt: now, ...membership };
      userId = await db.$transaction(async (tx) => {
        await claim(tx);
        if (!account) {
          const created = await tx.user.create({
            data: { tenantId: tenant.id, email: invitation.email, ...details },
          });
          return created.id;
        }
        const replaced = await tx.user.updateMany({
          where: { id: account.id, emailVerifiedAt: null, disabledAt: null, role: "CUSTOMER" },
          data: details,
        });
        if (replaced.count !== 1) throw new InvitationTaken();
        return account.id;
      });
    }
  } catch (error) {
    // Another acceptance of the same link (or a change to the account) won the race.
    if (error instanceof InvitationTaken || isUniqueViolation(error)) return refuse("form", PROBLEMS.used);
    throw error;
  }
  if (account) {
    // Sessions and links of the account as it was end here: the new role starts from a sign-in.
    await endUserTokens(account, now);
    await revokeUserFamilies(account, "store_role_granted");
    await clearSignInAttempts(throttleKey(tenant.id, account.email));
  }
  const joined = account?.emailVerifiedAt ? "joined" : "created";
  await recordAudit(
    db,
    { id: userId, email: invitation.email, tenantId: tenant.id },
    {
      action: "team.invitation_accepted",
      entity: "user",
      entityId: userId,
      details: { invitationId: invitation.id, storeRole: invitation.storeRole, account: joined },
    },
  );
  await recordSecurityEvent({
    ...event,
    type: "auth.invitation_accepted",
    severity: "INFO",
    actor: invitation.email,
    details: { storeRole: invitation.storeRole, account: joined },
  });
  return { ok: true, account: joined };
}

/**
 * The current password of an existing account, counted like a sign-in attempt (lockout.ts): an
 * invitation link cannot be used to guess it faster than the sign-in form would allow.
 */
async function checkCurrentPassword(
  tenant: TenantDto,
  account: { email: string; passwordHash: string },
  password: string,
  now: Date,
): Promise<{ reason: string; message: string } | null> {
  const key = throttleKey(tenant.id, account.email);
  const attempt = await claimSignInAttempt(key, now);
  if (!attempt.allowed) {
    await verifyAgainstDummy(password);
    return { reason: "locked", message: "Too many attempts for this account. Wait a few minutes and try again." };
  }
  if (!password || !(await verifyPassword(account.passwordHash, password))) {
    return { reason: "wrong_password", message: "That is not the current password of your account here." };
  }
  return null;
}

function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === "P2002";
}
