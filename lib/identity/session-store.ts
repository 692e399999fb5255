import "server-only";
import { getPlatformDb } from "@/lib/db";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";
import { createOpaqueToken, hashOpaqueToken } from "./opaque-token";
import { classifyCredential, graceRemainingMs, type CredentialState, type SessionPolicy } from "./session-rotation";

const createCredential = createOpaqueToken;
const hashCredential = hashOpaqueToken;

const credentialInclude = {
  family: {
    include: {
      user: {
        select: { id: true, tenantId: true, email: true, name: true, role: true, storeRole: true, disabledAt: true },
      },
    },
  },
} as const;

async function findCredential(credential: string) {
  const db = await getPlatformDb();
  const record = await db.refreshToken.findUnique({
    where: { tokenHash: hashCredential(credential) },
    include: credentialInclude,
  });
  if (!record?.rotatedAt || !record.replacedById) return record;
  const successor = await db.refreshToken.findUnique({
    where: { id: record.replacedById },
    select: { presentedAt: true, rotatedAt: true },
  });
  return { ...record, successorPresented: !successor || !!successor.presentedAt || !!successor.rotatedAt };
}

export type FoundCredential = NonNullable<Awaited<ReturnType<typeof findCredential>>>;

export type SessionStart = { familyId: string; credential: string; expiresAt: Date };

/** Opens a new session family on sign-in: a fresh family every time, so no session is ever fixed. */
export async function startSessionFamily(
  input: { userId: string; tenantId: string; userAgent: string; ip: string; secondFactor?: boolean },
  now: Date,
  policy: SessionPolicy,
): Promise<SessionStart> {
  const db = await getPlatformDb();
  const credential = createCredential();
  const expiresAt = new Date(now.getTime() + policy.absoluteTtlMs);
  const family = await db.sessionFamily.create({
    data: {
      tenantId: input.tenantId,
      userId: input.userId,
      expiresAt,
      lastSeenAt: now,
      userAgent: input.userAgent.slice(0, 300),
      ip: input.ip.slice(0, 64),
      secondFactorAt: input.secondFactor ? now : null,
      // The nested row takes tenantId from its family through the composite key.
      refreshTokens: { create: { tokenHash: hashCredential(credential), expiresAt } },
    },
  });
  return { familyId: family.id, credential, expiresAt };
}

export async function revokeFamily(familyId: string, reason: string, now = new Date()): Promise<void> {
  const db = await getPlatformDb();
  await db.sessionFamily.updateMany({
    where: { id: familyId, revokedAt: null },
    data: { revokedAt: now, revokedReason: reason },
  });
  await db.refreshToken.updateMany({ where: { familyId, revokedAt: null }, data: { revokedAt: now } });
}

/** Ends every session of a user but one (or all, with no exception). Returns how many ended. */
export async function revokeUserFamilies(
  user: { id: string; tenantId: string },
  reason: string,
  exceptFamilyId?: string,
): Promise<number> {
  const db = await getPlatformDb();
  const now = new Date();
  const families = await db.sessionFamily.findMany({
    where: {
      userId: user.id,
      tenantId: user.tenantId,
      revokedAt: null,
      ...(exceptFamilyId ? { id: { not: exceptFamilyId } } : {}),
    },
    select: { id: true },
  });
  for (const family of families) await revokeFamily(family.id, reason, now);
  // Whatever ends a user's other sessions also ends the trust of their device cookies.
  await raiseCredentialEpoch(user);
  return families.length;
}

/** Device cookies issued before this stop counting as trusted devices (device-cookie.ts). */
export async function raiseCredentialEpoch(user: { id: string; tenantId: string }): Promise<void> {
  const db = await getPlatformDb();
  await db.user.updateMany({
    where: { id: user.id, tenantId: user.tenantId },
    data: { credentialEpoch: { increment: 1 } },
  });
}

export type InspectedCredential = { state: CredentialState; record: FoundCredential | null };

/**
 * Reads a presented credential. A rotated-out credential presented after the grace window is
 * reuse: someone holds a copy they should not, so the whole family is revoked and reported.
 */
export async function inspectCredential(
  credential: string,
  now: Date,
  policy: SessionPolicy,
  meta: { ip: string; route: string },
  onReuse: "revoke" | "ignore" = "revoke",
): Promise<InspectedCredential> {
  const record = await findCredential(credential);
  const state = classifyCredential(record, now, policy);
  if (record && state === "reuse" && onReuse === "revoke") {
    await revokeFamily(record.familyId, "reuse_detected", now);
    await recordSecurityEvent({
      type: "session.reuse_detected",
      severity: "CRITICAL",
      tenantId: record.tenantId,
      actor: record.family.user.email,
      ip: meta.ip,
      route: meta.route,
      details: { familyId: record.familyId, rotatedAt: record.rotatedAt?.toISOString() },
    });
  }
  if (record && (state === "expired-idle" || state === "expired-absolute") && !record.family.revokedAt) {
    await revokeFamily(record.familyId, state, now);
  }
  return { state, record };
}

export type RotationResult =
  | { kind: "rotated"; credential: string; record: FoundCredential }
  | { kind: "grace"; graceMs: number; record: FoundCredential }
  | { kind: "ended"; state: CredentialState };

/**
 * Swaps a current credential for a new one. Two requests racing to rotate the same credential
 * are settled by a conditional update: one wins, the other is served from the grace window.
 */
export async function rotateCredential(
  credential: string,
  now: Date,
  policy: SessionPolicy,
  meta: { ip: string; route: string },
): Promise<RotationResult> {
  const { state, record } = await inspectCredential(credential, now, policy, meta);
  if (!record || record.family.user.disabledAt) return { kind: "ended", state };
  if (state === "grace") return { kind: "grace", graceMs: graceRemainingMs(record, now, policy), record };
  if (state === "stale") return rotateAgain(record, now, policy);
  if (state !== "current") return { kind: "ended", state };

  const db = await getPlatformDb();
  const next = createCredential();
  const won = await db.$transaction(async (tx) => {
    const claimed = await tx.refreshToken.updateMany({
      where: { id: record.id, rotatedAt: null, revokedAt: null },
      // Presenting a credential for rotation is presenting it.
      data: { rotatedAt: now, presentedAt: record.presentedAt ?? now },
    });
    if (claimed.count !== 1) return false;
    const successor = await tx.refreshToken.create({
      data: {
        tenantId: record.tenantId,
        familyId: record.familyId,
        tokenHash: hashCredential(next),
        expiresAt: record.family.expiresAt,
      },
    });
    await tx.refreshToken.update({ where: { id: record.id }, data: { replacedById: successor.id } });
    await tx.sessionFamily.update({ where: { id: record.familyId }, data: { lastSeenAt: now } });
    return true;
  });
  if (!won) return { kind: "grace", graceMs: policy.reuseGraceMs, record };
  return { kind: "rotated", credential: next, record };
}

class RotationLost extends Error {}

/**
 * A predecessor whose successor never reached the browser: the successor dies and the predecessor
 * rotates again. Settled by conditional updates: of two racing replays one rotates and the other
 * is served once from the grace window, like a racing tab.
 */
async function rotateAgain(record: FoundCredential, now: Date, policy: SessionPolicy): Promise<RotationResult> {
  const db = await getPlatformDb();
  const next = createCredential();
  const lostSuccessorId = record.replacedById!;
  try {
    await db.$transaction(async (tx) => {
      const dropped = await tx.refreshToken.updateMany({
        where: { id: lostSuccessorId, presentedAt: null, rotatedAt: null, revokedAt: null },
        data: { revokedAt: now },
      });
      if (dropped.count !== 1) throw new RotationLost();
      const successor = await tx.refreshToken.create({
        data: {
          tenantId: record.tenantId,
          familyId: record.familyId,
          tokenHash: hashCredential(next),
          expiresAt: record.family.expiresAt,
        },
      });
      const moved = await tx.refreshToken.updateMany({
        where: { id: record.id, replacedById: lostSuccessorId, revokedAt: null },
        data: { rotatedAt: now, replacedById: successor.id },
      });
      if (moved.count !== 1) throw new RotationLost();
      await tx.sessionFamily.update({ where: { id: record.familyId }, data: { lastSeenAt: now } });
    });
  } catch (error) {
    if (error instanceof RotationLost) return { kind: "grace", graceMs: policy.reuseGraceMs, record };
    throw error;
  }
  return { kind: "rotated", credential: next, record };
}

/** Notes that the browser presented this credential (once; later requests write nothing). */
export async function markPresented(record: { id: string; presentedAt: Date | null }, now: Date): Promise<void> {
  if (record.presentedAt) return;
  const db = await getPlatformDb();
  await db.refreshToken.updateMany({ where: { id: record.id, presentedAt: null }, data: { presentedAt: now } });
}

const TOUCH_INTERVAL_MS = 60_000;

/** Keeps the idle timer honest without writing on every request. */
export async function touchFamily(familyId: string, lastSeenAt: Date, now: Date): Promise<void> {
  if (now.getTime() - lastSeenAt.getTime() < TOUCH_INTERVAL_MS) return;
  const db = await getPlatformDb();
  await db.sessionFamily.update({ where: { id: familyId }, data: { lastSeenAt: now } });
}
