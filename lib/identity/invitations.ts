import "server-only";
import { z } from "zod";
import { getTenantDb } from "@/lib/db";
import { invitationMail } from "@/lib/mail/mail-content";
import { sendMail } from "@/lib/mail/send-mail";
import { DomainError } from "@/lib/security/domain-error";
import type { RequestMeta } from "@/lib/security/request-context";
import { recordAdminAction } from "@/lib/telemetry/admin-actions";
import { recordAudit, type AuditActor } from "@/lib/telemetry/audit";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";
import { findStoreBySlug } from "@/lib/tenancy/admin-tenants";
import { findCanonicalStoreOrigin } from "@/lib/tenancy/store-origin";
import { emailSchema } from "./input-schemas";
import { issueInvitationToken } from "./one-time-tokens";
import type { StoreRole } from "./session-token";

// Invitations to a store's team. An administrator invites a store's first owner from the console;
// owners invite owners and staff from the dashboard. An invitation is a single-use link stored as
// a SHA-256 (one-time-tokens.ts), expires after seven days, and is replaced by a newer one to the
// same address or withdrawn. Accepting it is accept-invitation.ts.

export const INVITATION_TTL_DAYS = 7;
const INVITATION_TTL_MS = INVITATION_TTL_DAYS * 24 * 60 * 60 * 1000;

const storeRoleSchema = z.enum(["OWNER", "STAFF"], { error: "Choose owner or staff." });

/** An owner inviting from the dashboard: an address and the place in the team it gets. */
export const teamInvitationSchema = z.object({ email: emailSchema, storeRole: storeRoleSchema }).strict();

/** An administrator inviting a store's merchant from the console: always an owner. */
export const adminInvitationSchema = z.object({ slug: z.string().min(1).max(40), email: emailSchema }).strict();

export const invitationIdSchema = z.object({ id: z.string().min(1).max(40) }).strict();
export const adminInvitationIdSchema = z
  .object({ slug: z.string().min(1).max(40), id: z.string().min(1).max(40) })
  .strict();

export type PendingInvitation = {
  id: string;
  email: string;
  storeRole: StoreRole;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
};

/** Who sends an invitation: an owner of the store, or an administrator of the platform. */
type Inviter = AuditActor & { name: string; kind: "owner" | "administrator"; ip: string };

/**
 * Invites an address to a store's team and mails the link, built from the store's own primary
 * host. An address that is already on the team is refused: its place changes on the Team page.
 */
export async function inviteToStore(
  store: { id: string; name: string },
  input: { email: string; storeRole: StoreRole },
  inviter: Inviter,
): Promise<{ id: string; expiresAt: Date }> {
  const db = await getTenantDb(store.id);
  const existing = await db.user.findFirst({ where: { email: input.email }, select: { role: true } });
  if (existing?.role === "MERCHANT") {
    throw new DomainError(409, `${input.email} is already on this store's team: change their role on the Team page.`);
  }
  const origin = await findCanonicalStoreOrigin(store.id);
  if (!origin) throw new DomainError(409, "This store has no host yet: add one before inviting anyone.");
  const issued = await issueInvitationToken(
    store.id,
    { email: input.email, storeRole: input.storeRole, invitedById: inviter.id },
    INVITATION_TTL_MS,
  );
  const mail = invitationMail({
    storeName: store.name,
    storeRole: input.storeRole,
    // An administrator stays anonymous to the store's mailboxes; an owner is named.
    invitedBy: inviter.kind === "owner" ? inviter.name || inviter.email : null,
    link: `${origin}/invite?token=${issued.token}`,
    days: INVITATION_TTL_DAYS,
  });
  await sendMail({ tenantId: store.id, to: input.email, ...mail });
  await recordAudit(db, inviter, {
    action: "team.invited",
    entity: "invitation",
    entityId: issued.id,
    details: { email: input.email, storeRole: input.storeRole, by: inviter.kind, replaced: issued.replaced },
  });
  return { id: issued.id, expiresAt: issued.expiresAt };
}

/** The administrators' invitation of a store's owner, from the console. Also an admin action. */
export async function inviteStoreOwner(
  input: z.output<typeof adminInvitationSchema>,
  admin: { id: string; email: string; name: string },
  meta: RequestMeta,
): Promise<{ expiresAt: Date }> {
  const store = await findStoreBySlug(input.slug);
  const inviter: Inviter = { ...admin, tenantId: store.id, kind: "administrator", ip: meta.ip };
  const { expiresAt } = await inviteToStore(store, { email: input.email, storeRole: "OWNER" }, inviter);
  await recordAdminAction({ email: admin.email, ip: meta.ip }, store.id, {
    action: "store.owner_invited",
    slug: input.slug,
  });
  return { expiresAt };
}

/** An owner's invitation from the dashboard. */
export async function inviteTeamMember(
  store: { id: string; name: string },
  input: z.output<typeof teamInvitationSchema>,
  owner: { id: string; email: string; name: string },
  meta: RequestMeta,
): Promise<{ expiresAt: Date }> {
  return inviteToStore(store, input, { ...owner, tenantId: store.id, kind: "owner", ip: meta.ip });
}

/** The store's invitations that can still be accepted, newest first. */
export async function listPendingInvitations(tenantId: string, now = new Date()): Promise<PendingInvitation[]> {
  const db = await getTenantDb(tenantId);
  const rows = await db.oneTimeToken.findMany({
    where: { purpose: "INVITATION", usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, storeRole: true, invitedById: true, createdAt: true, expiresAt: true },
  });
  const inviterIds = [...new Set(rows.map((row) => row.invitedById).filter((id): id is string => !!id))];
  // Inviters of this store are named; anyone else (an administrator) is "the platform".
  const members = await db.user.findMany({ where: { id: { in: inviterIds } }, select: { id: true, email: true } });
  const names = new Map(members.map((member) => [member.id, member.email]));
  return rows.map((row) => ({
    id: row.id,
    email: row.email ?? "",
    storeRole: row.storeRole ?? "STAFF",
    invitedBy: (row.invitedById && names.get(row.invitedById)) || "platform administrator",
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  }));
}

/** For the console's store page: the store's pending invitations, by its slug. */
export async function listStoreInvitations(slug: string): Promise<PendingInvitation[]> {
  return listPendingInvitations((await findStoreBySlug(slug)).id);
}

/**
 * Withdraws a pending invitation of this store: its link stops working at once. Another store's
 * id, or one already used, withdrawn or expired, is a 404 and changes nothing.
 */
export async function revokeInvitation(
  tenantId: string,
  id: string,
  actor: AuditActor,
  meta: RequestMeta,
): Promise<void> {
  const db = await getTenantDb(tenantId);
  const now = new Date();
  const revoked = await db.oneTimeToken.updateMany({
    where: { id, purpose: "INVITATION", usedAt: null, revokedAt: null, expiresAt: { gt: now } },
    data: { revokedAt: now },
  });
  if (revoked.count !== 1) {
    await recordSecurityEvent({
      type: "team.change_refused",
      severity: "WARNING",
      tenantId,
      actor: actor.email,
      ip: meta.ip,
      route: meta.route,
      details: { action: "invitation.revoke", reason: "no_such_invitation" },
    });
    throw new DomainError(404, "There is no pending invitation with that id in this store.");
  }
  await recordAudit(db, actor, { action: "team.invitation_revoked", entity: "invitation", entityId: id });
}

/** The administrators' withdrawal, from the console. Also an admin action. */
export async function revokeStoreInvitation(
  input: z.output<typeof adminInvitationIdSchema>,
  admin: { id: string; email: string },
  meta: RequestMeta,
): Promise<void> {
  const store = await findStoreBySlug(input.slug);
  await revokeInvitation(store.id, input.id, { ...admin, tenantId: store.id }, meta);
  await recordAdminAction({ email: admin.email, ip: meta.ip }, store.id, {
    action: "store.invitation_revoked",
    slug: input.slug,
  });
}
