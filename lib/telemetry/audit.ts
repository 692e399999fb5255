import "server-only";
import { getTenantDb, type TenantDb } from "@/lib/db";

export type AuditActor = { id: string; email: string; tenantId: string };

/** The signed-in user acting in a store, as the audit trail records them. */
export const toAuditActor = (user: { id: string; email: string }, tenant: { id: string }): AuditActor => ({
  id: user.id,
  email: user.email,
  tenantId: tenant.id,
});

/** Appends to the store's audit trail: who changed what, with the details that matter. */
export async function recordAudit(
  db: TenantDb,
  actor: AuditActor,
  entry: { action: string; entity: string; entityId: string; details?: Record<string, unknown> },
): Promise<void> {
  await db.auditLog.create({
    data: {
      tenantId: actor.tenantId,
      actorId: actor.id,
      actorEmail: actor.email,
      action: entry.action,
      entity: entry.entity,
      entityId: entry.entityId,
      details: JSON.stringify(entry.details ?? {}).slice(0, 4000),
    },
  });
}

export async function listAuditLog(tenantId: string, limit = 100) {
  const db = await getTenantDb(tenantId);
  return db.auditLog.findMany({
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, actorEmail: true, action: true, entity: true, entityId: true, details: true, createdAt: true },
  });
}
