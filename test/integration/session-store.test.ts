import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionPolicy } from "@/lib/identity/session-rotation";
import {
  inspectCredential,
  markPresented,
  raiseCredentialEpoch,
  revokeFamily,
  revokeUserFamilies,
  rotateCredential,
  startSessionFamily,
  touchFamily,
} from "@/lib/identity/session-store";
import { pseudonymizeActor } from "@/lib/telemetry/pseudonym";
import { flushSecurityEvents } from "@/lib/telemetry/security-events";
import { getDb, getTenantIds } from "../support/db";

// The session store against real SQLite: what a new session family holds, what ending one
// writes (and keeps), how a presented credential is judged from its successor's state, and
// which writes rotation and the idle timer make.

const policy: SessionPolicy = {
  accessTtlMs: 900_000,
  idleTimeoutMs: 86_400_000,
  absoluteTtlMs: 604_800_000,
  reuseGraceMs: 30_000,
};
const meta = { ip: "203.0.113.77", route: "/test/session-store" };
let tenantId: string;
let otherTenantId: string;

beforeAll(async () => {
  const ids = await getTenantIds();
  tenantId = ids.northwind;
  otherTenantId = ids.lumen;
});

async function newUser(tenant = tenantId) {
  const db = await getDb();
  return db.user.create({
    data: { tenantId: tenant, email: `store-${randomUUID()}@example.test`, passwordHash: "x" },
  });
}

async function newSession(
  user: { id: string; tenantId: string },
  now = new Date(),
  extra: { secondFactor?: boolean } = {},
) {
  return startSessionFamily(
    { userId: user.id, tenantId: user.tenantId, userAgent: "vitest", ip: meta.ip, ...extra },
    now,
    policy,
  );
}

const family = async (id: string) => (await getDb()).sessionFamily.findUniqueOrThrow({ where: { id } });
const tokens = async (familyId: string) =>
  (await getDb()).refreshToken.findMany({ where: { familyId }, orderBy: { createdAt: "asc" } });
const later = (now: Date, ms: number) => new Date(now.getTime() + ms);

describe("startSessionFamily", () => {
  it("opens a family that ends at the absolute lifetime, with one credential ending with it", async () => {
    const user = await newUser();
    const now = new Date("2026-12-01T10:00:00Z");
    const session = await startSessionFamily(
      { userId: user.id, tenantId, userAgent: "u".repeat(400), ip: "i".repeat(100) },
      now,
      policy,
    );
    expect(session.expiresAt).toEqual(later(now, policy.absoluteTtlMs));
    expect(await family(session.familyId)).toMatchObject({
      userId: user.id,
      tenantId,
      expiresAt: session.expiresAt,
      lastSeenAt: now,
      userAgent: "u".repeat(300),
      ip: "i".repeat(64),
      secondFactorAt: null,
      revokedAt: null,
    });
    const [token] = await tokens(session.familyId);
    expect(token).toMatchObject({ expiresAt: session.expiresAt, rotatedAt: null, revokedAt: null });
    expect((await inspectCredential(session.credential, now, policy, meta)).state).toBe("current");
  });

  it("records when the session passed the second factor, and a fresh family and credential every time", async () => {
    const user = await newUser();
    const now = new Date();
    const first = await newSession(user, now, { secondFactor: true });
    const second = await newSession(user, now);
    expect((await family(first.familyId)).secondFactorAt).toEqual(now);
    expect((await family(second.familyId)).secondFactorAt).toBeNull();
    expect(second.familyId).not.toBe(first.familyId);
    expect(second.credential).not.toBe(first.credential);
  });
});

describe("ending sessions", () => {
  it("revokeFamily ends the family and every credential in it, keeping the first reason", async () => {
    const user = await newUser();
    const now = new Date();
    const session = await newSession(user, now);
    const bystander = await newSession(user, now);
    await rotateCredential(session.credential, now, policy, meta);
    await revokeFamily(session.familyId, "signed_out", later(now, 1_000));
    await revokeFamily(session.familyId, "second_reason", later(now, 2_000));
    expect(await family(session.familyId)).toMatchObject({ revokedAt: later(now, 1_000), revokedReason: "signed_out" });
    const rows = await tokens(session.familyId);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row.revokedAt).toEqual(later(now, 1_000));
    expect((await family(bystander.familyId)).revokedAt).toBeNull();
    expect((await tokens(bystander.familyId))[0]!.revokedAt).toBeNull();
    expect((await inspectCredential(session.credential, later(now, 3_000), policy, meta)).state).toBe("revoked");
  });

  it("revokeUserFamilies ends the user's live sessions but the one kept, counts them and ends device trust", async () => {
    const user = await newUser();
    const bystander = await newUser();
    const kept = await newSession(user);
    const ended = [await newSession(user), await newSession(user)];
    const alreadyEnded = await newSession(user);
    await revokeFamily(alreadyEnded.familyId, "earlier");
    const theirs = await newSession(bystander);

    expect(await revokeUserFamilies(user, "password_changed", kept.familyId)).toBe(2);
    for (const session of ended)
      expect(await family(session.familyId)).toMatchObject({ revokedReason: "password_changed" });
    expect((await family(alreadyEnded.familyId)).revokedReason).toBe("earlier");
    expect((await family(kept.familyId)).revokedAt).toBeNull();
    expect((await family(theirs.familyId)).revokedAt).toBeNull();
    const db = await getDb();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).credentialEpoch).toBe(1);
    expect((await db.user.findUniqueOrThrow({ where: { id: bystander.id } })).credentialEpoch).toBe(0);

    // Without an exception every live session ends.
    expect(await revokeUserFamilies(user, "sign_out_everywhere")).toBe(1);
    expect(await family(kept.familyId)).toMatchObject({ revokedReason: "sign_out_everywhere" });
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).credentialEpoch).toBe(2);
  });

  it("revokeUserFamilies and raiseCredentialEpoch touch nothing of a user named with another store", async () => {
    const user = await newUser();
    const session = await newSession(user);
    expect(await revokeUserFamilies({ id: user.id, tenantId: otherTenantId }, "cross_store")).toBe(0);
    await raiseCredentialEpoch({ id: user.id, tenantId: otherTenantId });
    expect((await family(session.familyId)).revokedAt).toBeNull();
    const db = await getDb();
    expect((await db.user.findUniqueOrThrow({ where: { id: user.id } })).credentialEpoch).toBe(0);
  });
});

describe("inspectCredential", () => {
  it("knows nothing of a credential it never issued", async () => {
    expect(await inspectCredential("never-issued", new Date(), policy, meta)).toEqual({
      state: "unknown",
      record: null,
    });
  });

  it("reports reuse with the family, the address and the route, and revokes the family", async () => {
    await flushSecurityEvents();
    const user = await newUser();
    const now = new Date();
    const session = await newSession(user, now);
    const rotated = await rotateCredential(session.credential, now, policy, meta);
    const next = (rotated as { credential: string }).credential;
    const seen = await inspectCredential(next, later(now, 1_000), policy, meta);
    await markPresented(seen.record!, later(now, 1_000));

    const replay = await inspectCredential(session.credential, later(now, 60_000), policy, meta);
    expect(replay.state).toBe("reuse");
    expect(await family(session.familyId)).toMatchObject({
      revokedAt: later(now, 60_000),
      revokedReason: "reuse_detected",
    });
    await flushSecurityEvents();
    const db = await getDb();
    const event = await db.securityEvent.findFirstOrThrow({
      where: { type: "session.reuse_detected", actor: pseudonymizeActor(user.email) },
    });
    expect(event).toMatchObject({ severity: "CRITICAL", tenantId, ip: meta.ip, route: meta.route });
    expect(JSON.parse(String(event.details))).toEqual({ familyId: session.familyId, rotatedAt: now.toISOString() });
  });

  it('leaves the family alone when asked only to look (onReuse "ignore")', async () => {
    const user = await newUser();
    const now = new Date();
    const session = await newSession(user, now);
    const rotated = await rotateCredential(session.credential, now, policy, meta);
    const seen = await inspectCredential((rotated as { credential: string }).credential, now, policy, meta);
    await markPresented(seen.record!, now);
    expect((await inspectCredential(session.credential, later(now, 60_000), policy, meta, "ignore")).state).toBe(
      "reuse",
    );
    expect((await family(session.familyId)).revokedAt).toBeNull();
  });

  it("calls a credential reuse once its successor has rotated, even if the successor was never marked presented", async () => {
    const user = await newUser();
    const now = new Date();
    const session = await newSession(user, now);
    const first = await rotateCredential(session.credential, now, policy, meta);
    const db = await getDb();
    const [, successor] = await tokens(session.familyId);
    await db.refreshToken.update({ where: { id: successor!.id }, data: { rotatedAt: later(now, 1_000) } });
    expect(first.kind).toBe("rotated");
    expect((await inspectCredential(session.credential, later(now, 60_000), policy, meta, "ignore")).state).toBe(
      "reuse",
    );
  });

  it("calls a credential reuse when its successor is gone", async () => {
    const user = await newUser();
    const now = new Date();
    const session = await newSession(user, now);
    await rotateCredential(session.credential, now, policy, meta);
    const db = await getDb();
    const [original, successor] = await tokens(session.familyId);
    await db.refreshToken.update({ where: { id: original!.id }, data: { replacedById: "gone" } });
    expect(successor).toBeDefined();
    expect((await inspectCredential(session.credential, later(now, 60_000), policy, meta, "ignore")).state).toBe(
      "reuse",
    );
  });

  it("ends an expired family with the expiry as its reason, once", async () => {
    const user = await newUser();
    const now = new Date();
    const idle = await newSession(user, now);
    const idleAt = later(now, policy.idleTimeoutMs + 1);
    expect((await inspectCredential(idle.credential, idleAt, policy, meta)).state).toBe("expired-idle");
    expect(await family(idle.familyId)).toMatchObject({ revokedAt: idleAt, revokedReason: "expired-idle" });

    const old = await newSession(user, now);
    const oldAt = later(now, policy.absoluteTtlMs);
    await touchFamily(old.familyId, now, later(now, policy.absoluteTtlMs - 1_000));
    expect((await inspectCredential(old.credential, oldAt, policy, meta)).state).toBe("expired-absolute");
    expect(await family(old.familyId)).toMatchObject({ revokedAt: oldAt, revokedReason: "expired-absolute" });
  });
});

describe("rotateCredential", () => {
  it("swaps the credential: the old one is marked rotated and presented, its successor ends with the family", async () => {
    const user = await newUser();
    const now = new Date();
    const session = await newSession(user, now);
    const rotateAt = later(now, 5_000);
    const result = await rotateCredential(session.credential, rotateAt, policy, meta);
    expect(result.kind).toBe("rotated");
    const [old, successor] = await tokens(session.familyId);
    expect(old).toMatchObject({ rotatedAt: rotateAt, presentedAt: rotateAt, replacedById: successor!.id });
    expect(successor).toMatchObject({ tenantId, expiresAt: session.expiresAt, rotatedAt: null, revokedAt: null });
    expect((await family(session.familyId)).lastSeenAt).toEqual(rotateAt);
    const next = (result as { credential: string }).credential;
    expect(next).not.toBe(session.credential);
    expect((await inspectCredential(next, rotateAt, policy, meta)).record?.id).toBe(successor!.id);
  });

  it("lets one of many parallel rotations of a credential win; the rest are served from the grace window", async () => {
    const user = await newUser();
    const now = new Date();
    const session = await newSession(user, now);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => rotateCredential(session.credential, now, policy, meta)),
    );
    expect(results.filter((r) => r.kind === "rotated")).toHaveLength(1);
    for (const loser of results.filter((r) => r.kind !== "rotated"))
      expect(loser).toMatchObject({ kind: "grace", graceMs: policy.reuseGraceMs });
    expect(await tokens(session.familyId)).toHaveLength(2);
  });

  it("keeps the time a credential was first presented", async () => {
    const user = await newUser();
    const now = new Date();
    const session = await newSession(user, now);
    const seen = await inspectCredential(session.credential, now, policy, meta);
    await markPresented(seen.record!, later(now, 1_000));
    await rotateCredential(session.credential, later(now, 9_000), policy, meta);
    expect((await tokens(session.familyId))[0]).toMatchObject({
      presentedAt: later(now, 1_000),
      rotatedAt: later(now, 9_000),
    });
  });

  it("serves a request that raced the rotation from the grace window, for the time left in it", async () => {
    const user = await newUser();
    const now = new Date();
    const session = await newSession(user, now);
    await rotateCredential(session.credential, now, policy, meta);
    const raced = await rotateCredential(session.credential, later(now, 10_000), policy, meta);
    expect(raced).toMatchObject({ kind: "grace", graceMs: 20_000 });
    expect(await tokens(session.familyId)).toHaveLength(2);
  });

  it("ends the session of a disabled account and of an unknown credential", async () => {
    const user = await newUser();
    const session = await newSession(user);
    const db = await getDb();
    await db.user.update({ where: { id: user.id }, data: { disabledAt: new Date() } });
    expect(await rotateCredential(session.credential, new Date(), policy, meta)).toEqual({
      kind: "ended",
      state: "current",
    });
    expect(await tokens(session.familyId)).toHaveLength(1);
    expect(await rotateCredential("never-issued", new Date(), policy, meta)).toEqual({
      kind: "ended",
      state: "unknown",
    });
  });

  it("ends a revoked or expired session without issuing a credential", async () => {
    const user = await newUser();
    const now = new Date();
    const revoked = await newSession(user, now);
    await revokeFamily(revoked.familyId, "signed_out", now);
    expect(await rotateCredential(revoked.credential, now, policy, meta)).toEqual({ kind: "ended", state: "revoked" });
    expect(await tokens(revoked.familyId)).toHaveLength(1);
  });

  it("rotates a stale credential again: the lost successor dies, a new one takes its place", async () => {
    const user = await newUser();
    const now = new Date();
    const session = await newSession(user, now);
    const lost = await rotateCredential(session.credential, now, policy, meta);
    const againAt = later(now, 60_000);
    const again = await rotateCredential(session.credential, againAt, policy, meta);
    expect(again.kind).toBe("rotated");
    const [old, lostRow, fresh] = await tokens(session.familyId);
    expect(lostRow).toMatchObject({ revokedAt: againAt });
    expect(fresh).toMatchObject({ tenantId, expiresAt: session.expiresAt, revokedAt: null, rotatedAt: null });
    expect(old).toMatchObject({ rotatedAt: againAt, replacedById: fresh!.id, revokedAt: null });
    expect((await family(session.familyId)).lastSeenAt).toEqual(againAt);
    expect((await inspectCredential((lost as { credential: string }).credential, againAt, policy, meta)).state).toBe(
      "revoked",
    );
  });

  it("serves the losers of racing stale replays from the grace window, with one new credential", async () => {
    const user = await newUser();
    const now = new Date();
    const session = await newSession(user, now);
    await rotateCredential(session.credential, now, policy, meta);
    const againAt = later(now, 60_000);
    const results = await Promise.all(
      Array.from({ length: 6 }, () => rotateCredential(session.credential, againAt, policy, meta)),
    );
    expect(results.filter((r) => r.kind === "rotated")).toHaveLength(1);
    for (const loser of results.filter((r) => r.kind !== "rotated"))
      expect(loser).toMatchObject({ kind: "grace", graceMs: policy.reuseGraceMs });
    expect(await tokens(session.familyId)).toHaveLength(3);
  });
});

describe("markPresented and touchFamily", () => {
  it("marks a credential presented once, keeping the first time, and no other credential", async () => {
    const user = await newUser();
    const now = new Date();
    const session = await newSession(user, now);
    const bystander = await newSession(user, now);
    const { record } = await inspectCredential(session.credential, now, policy, meta);
    await markPresented(record!, later(now, 1_000));
    await markPresented({ id: record!.id, presentedAt: null }, later(now, 2_000));
    expect((await tokens(session.familyId))[0]!.presentedAt).toEqual(later(now, 1_000));
    expect((await tokens(bystander.familyId))[0]!.presentedAt).toBeNull();
  });

  it("writes nothing for a request that already knows its credential was presented", async () => {
    const user = await newUser();
    const now = new Date();
    const session = await newSession(user, now);
    const { record } = await inspectCredential(session.credential, now, policy, meta);
    await markPresented({ id: record!.id, presentedAt: now }, later(now, 1_000));
    expect((await tokens(session.familyId))[0]!.presentedAt).toBeNull();
  });

  it("moves the idle timer of that family only, once a minute has passed since it last moved", async () => {
    const user = await newUser();
    const now = new Date();
    const session = await newSession(user, now);
    const bystander = await newSession(user, now);
    await touchFamily(session.familyId, now, later(now, 59_999));
    expect((await family(session.familyId)).lastSeenAt).toEqual(now);
    await touchFamily(session.familyId, now, later(now, 60_000));
    expect((await family(session.familyId)).lastSeenAt).toEqual(later(now, 60_000));
    expect((await family(bystander.familyId)).lastSeenAt).toEqual(now);
  });
});
