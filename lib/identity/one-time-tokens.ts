import "server-only";
import { getPlatformDb } from "@/lib/db";
import { createOpaqueToken, hashOpaqueToken } from "./opaque-token";

export type TokenPurpose = "EMAIL_VERIFICATION" | "PASSWORD_RESET";

// Single-use links (email confirmation, password reset, team invitations). Only a link's SHA-256
// is stored, and a user has at most one live link per purpose: issuing a new one, changing the
// password or using one ends the others, so an old email in someone else's hands is worth nothing.
// Invitations name an address rather than a user (invitations.ts issues them).

/** Issues a link token for a user, ending every earlier unused one of the same purpose. */
export async function issueOneTimeToken(
  user: { id: string; tenantId: string },
  purpose: TokenPurpose,
  ttlMs: number,
  now = new Date(),
): Promise<string> {
  const db = await getPlatformDb();
  const token = createOpaqueToken();
  await db.$transaction(async (tx) => {
    await tx.oneTimeToken.updateMany({
      where: { userId: user.id, tenantId: user.tenantId, purpose, usedAt: null },
      data: { usedAt: now },
    });
    await tx.oneTimeToken.create({
      data: {
        tenantId: user.tenantId,
        userId: user.id,
        purpose,
        tokenHash: hashOpaqueToken(token),
        expiresAt: new Date(now.getTime() + ttlMs),
      },
    });
  });
  return token;
}

/** Ends every unused link of a user, of every purpose: after a password change or reset. */
export async function endUserTokens(user: { id: string; tenantId: string }, now = new Date()): Promise<void> {
  const db = await getPlatformDb();
  await db.oneTimeToken.updateMany({
    where: { userId: user.id, tenantId: user.tenantId, usedAt: null },
    data: { usedAt: now },
  });
}

/** A live token of this store and purpose, by the link's value; null when unknown, used or expired. */
export async function findLiveToken(tenantId: string, token: string, purpose: TokenPurpose, now = new Date()) {
  if (token.length < 20 || token.length > 100) return null;
  const db = await getPlatformDb();
  const row = await db.oneTimeToken.findUnique({
    where: { tokenHash: hashOpaqueToken(token) },
    include: { user: true },
  });
  if (!row || row.tenantId !== tenantId || row.purpose !== purpose || row.usedAt || row.revokedAt) return null;
  if (row.expiresAt <= now || !row.user || !row.userId) return null;
  return { ...row, userId: row.userId, user: row.user };
}

/** Why an invitation link does not work; "other-store" for a link of another store (logged, never shown). */
export type InvitationProblem = "unknown" | "other-store" | "used" | "revoked" | "expired";

export type InvitationRow = {
  id: string;
  tenantId: string;
  email: string;
  storeRole: "OWNER" | "STAFF";
  invitedById: string | null;
  expiresAt: Date;
};

/**
 * An invitation by its link's value, looked up by hash on the platform client and then checked
 * to belong to this store: a link of another store is no link here.
 */
export async function findInvitation(
  tenantId: string,
  token: string,
  now = new Date(),
): Promise<{ ok: true; invitation: InvitationRow } | { ok: false; problem: InvitationProblem }> {
  if (token.length < 20 || token.length > 100) return { ok: false, problem: "unknown" };
  const db = await getPlatformDb();
  const row = await db.oneTimeToken.findUnique({ where: { tokenHash: hashOpaqueToken(token) } });
  if (!row || row.purpose !== "INVITATION" || !row.email || !row.storeRole) return { ok: false, problem: "unknown" };
  if (row.tenantId !== tenantId) return { ok: false, problem: "other-store" };
  if (row.usedAt) return { ok: false, problem: "used" };
  if (row.revokedAt) return { ok: false, problem: "revoked" };
  if (row.expiresAt <= now) return { ok: false, problem: "expired" };
  return {
    ok: true,
    invitation: {
      id: row.id,
      tenantId: row.tenantId,
      email: row.email,
      storeRole: row.storeRole,
      invitedById: row.invitedById,
      expiresAt: row.expiresAt,
    },
  };
}

/**
 * Issues an invitation link to an address. One live invitation per store and address: issuing
 * replaces (revokes) any earlier unused one, in the same transaction.
 */
export async function issueInvitationToken(
  tenantId: string,
  invitation: { email: string; storeRole: "OWNER" | "STAFF"; invitedById: string },
  ttlMs: number,
  now = new Date(),
): Promise<{ id: string; token: string; expiresAt: Date; replaced: number }> {
  const db = await getPlatformDb();
  const token = createOpaqueToken();
  const expiresAt = new Date(now.getTime() + ttlMs);
  return db.$transaction(async (tx) => {
    const replaced = await tx.oneTimeToken.updateMany({
      where: { tenantId, purpose: "INVITATION", email: invitation.email, usedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const row = await tx.oneTimeToken.create({
      data: {
        tenantId,
        purpose: "INVITATION",
        tokenHash: hashOpaqueToken(token),
        createdAt: now,
        expiresAt,
        ...invitation,
      },
      select: { id: true },
    });
    return { id: row.id, token, expiresAt, replaced: replaced.count };
  });
}
