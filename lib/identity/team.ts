import "server-only";
import { z } from "zod";
import { getTenantDb, type TenantDb } from "@/lib/db";
import { DomainError } from "@/lib/security/domain-error";
import type { RequestMeta } from "@/lib/security/request-context";
import { recordAudit, type AuditActor } from "@/lib/telemetry/audit";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";
import { revokeUserFamilies } from "./session-store";
import type { StoreRole } from "./session-token";

// A store's team: its merchant accounts, each an owner or staff. Owners change roles and remove
// members (the guard refuses staff: access { storeRoles: ["OWNER"] }). A store always keeps at
// least one owner: each change is written first and the owners counted after, in one transaction,
// and rolled back if none is left — SQLite has one writer at a time, so two owners demoting each
// other at once cannot both pass. Removing a member turns the account back into a customer of the
// store (its orders stay theirs) and ends every session of it at once.

export const memberRoleSchema = z
  .object({ id: z.string().min(1).max(40), storeRole: z.enum(["OWNER", "STAFF"], { error: "Choose owner or staff." }) })
  .strict();
export const memberIdSchema = z.object({ id: z.string().min(1).max(40) }).strict();

export type TeamMember = { id: string; name: string; email: string; storeRole: StoreRole; joinedAt: Date | null };

export async function listTeamMembers(tenantId: string): Promise<TeamMember[]> {
  const db = await getTenantDb(tenantId);
  const rows = await db.user.findMany({
    where: { role: "MERCHANT" },
    orderBy: [{ teamJoinedAt: "asc" }, { email: "asc" }],
    select: { id: true, name: true, email: true, storeRole: true, teamJoinedAt: true },
  });
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    email: row.email,
    storeRole: row.storeRole ?? "STAFF",
    joinedAt: row.teamJoinedAt,
  }));
}

class NoOwnerLeft extends Error {}

async function refused(actor: AuditActor, meta: RequestMeta, action: string, reason: string): Promise<void> {
  await recordSecurityEvent({
    type: "team.change_refused",
    severity: "WARNING",
    tenantId: actor.tenantId,
    actor: actor.email,
    ip: meta.ip,
    route: meta.route,
    details: { action, reason },
  });
}

async function findMember(db: TenantDb, id: string) {
  return db.user.findFirst({ where: { id, role: "MERCHANT" }, select: { id: true, email: true, storeRole: true } });
}

/** Runs a change to the team, then refuses it (rolled back) if it left the store without an owner. */
async function keepingAnOwner(db: TenantDb, change: (tx: TenantDb) => Promise<number>): Promise<number> {
  return db.$transaction(async (tx) => {
    const changed = await change(tx as TenantDb);
    const owners = await tx.user.count({ where: { role: "MERCHANT", storeRole: "OWNER", disabledAt: null } });
    if (owners < 1) throw new NoOwnerLeft();
    return changed;
  });
}

const LAST_OWNER = "A store needs at least one owner: make someone else an owner first.";

export async function changeMemberRole(
  db: TenantDb,
  actor: AuditActor,
  input: z.output<typeof memberRoleSchema>,
  meta: RequestMeta,
): Promise<void> {
  const member = await findMember(db, input.id);
  if (!member) {
    await refused(actor, meta, "member.role", "no_such_member");
    throw new DomainError(404, "That person is not on this store's team.");
  }
  if (member.storeRole === input.storeRole) return;
  try {
    const changed = await keepingAnOwner(
      db,
      async (tx) =>
        (
          await tx.user.updateMany({
            where: { id: member.id, role: "MERCHANT", storeRole: member.storeRole },
            data: { storeRole: input.storeRole },
          })
        ).count,
    );
    if (changed !== 1) throw new DomainError(409, "Their role changed meanwhile: reload the page.");
  } catch (error) {
    if (!(error instanceof NoOwnerLeft)) throw error;
    await refused(actor, meta, "member.role", "last_owner");
    throw new DomainError(409, LAST_OWNER);
  }
  await recordAudit(db, actor, {
    action: "team.role_changed",
    entity: "user",
    entityId: member.id,
    details: { email: member.email, from: member.storeRole, to: input.storeRole },
  });
}

/**
 * Takes someone off the team: the account becomes a customer of the store again (it is not
 * deleted: orders and the address stay theirs), every session of it ends and its device cookies
 * stop counting, so the next request it makes to the dashboard is refused.
 */
export async function removeMember(db: TenantDb, actor: AuditActor, id: string, meta: RequestMeta): Promise<void> {
  const member = await findMember(db, id);
  if (!member) {
    await refused(actor, meta, "member.remove", "no_such_member");
    throw new DomainError(404, "That person is not on this store's team.");
  }
  try {
    const removed = await keepingAnOwner(
      db,
      async (tx) =>
        (
          await tx.user.updateMany({
            where: { id: member.id, role: "MERCHANT" },
            data: { role: "CUSTOMER", storeRole: null, teamJoinedAt: null },
          })
        ).count,
    );
    if (removed !== 1) throw new DomainError(404, "That person is not on this store's team.");
  } catch (error) {
    if (!(error instanceof NoOwnerLeft)) throw error;
    await refused(actor, meta, "member.remove", "last_owner");
    throw new DomainError(409, LAST_OWNER);
  }
  const ended = await revokeUserFamilies({ id: member.id, tenantId: actor.tenantId }, "removed_from_team");
  await recordAudit(db, actor, {
    action: "team.member_removed",
    entity: "user",
    entityId: member.id,
    details: { email: member.email, storeRole: member.storeRole, endedSessions: ended },
  });
}
