import "server-only";
import { z } from "zod";
import { getPlatformDb } from "@/lib/db";
import { DomainError } from "@/lib/security/domain-error";
import { recordAdminAction, type AdminActor } from "./admin-actions";

// Alerts for people: administrators see and handle every alert; a merchant sees their own
// store's. An alert goes open → acknowledged (someone is on it) → resolved (the incident is over;
// the next one opens a new alert).

export type AlertDto = {
  id: string;
  rule: string;
  key: string;
  tenantId: string | null;
  status: "OPEN" | "ACKNOWLEDGED" | "RESOLVED";
  firstEventAt: string;
  detectedAt: string;
  containedAt: string | null;
  eventCount: number;
};

export const alertQuerySchema = z
  .object({ since: z.iso.datetime({ offset: true, error: "since must be an ISO 8601 time" }).optional() })
  .strict();

export const alertIdSchema = z.object({ id: z.string().min(1).max(40) }).strict();

const toDto = (row: {
  id: string;
  rule: string;
  key: string;
  tenantId: string | null;
  status: AlertDto["status"];
  firstEventAt: Date;
  detectedAt: Date;
  containedAt: Date | null;
  eventCount: number;
}): AlertDto => ({
  id: row.id,
  rule: row.rule,
  key: row.key,
  tenantId: row.tenantId,
  status: row.status,
  firstEventAt: row.firstEventAt.toISOString(),
  detectedAt: row.detectedAt.toISOString(),
  containedAt: row.containedAt?.toISOString() ?? null,
  eventCount: row.eventCount,
});

/**
 * Alerts detected since a time, newest first; one store's only when `tenantId` is given. Open and
 * acknowledged incidents come before resolved ones, so a flood of new alerts cannot push an open
 * one out of sight.
 */
export async function listAlerts(
  options: { since?: Date; tenantId?: string; limit?: number } = {},
): Promise<AlertDto[]> {
  const db = await getPlatformDb();
  const limit = options.limit ?? 500;
  const where = {
    ...(options.since ? { detectedAt: { gte: options.since } } : {}),
    ...(options.tenantId ? { tenantId: options.tenantId } : {}),
  };
  const active = await db.securityAlert.findMany({
    where: { ...where, status: { not: "RESOLVED" } },
    orderBy: { detectedAt: "desc" },
    take: limit,
  });
  const resolved =
    active.length < limit
      ? await db.securityAlert.findMany({
          where: { ...where, status: "RESOLVED" },
          orderBy: { detectedAt: "desc" },
          take: limit - active.length,
        })
      : [];
  return [...active, ...resolved].map(toDto);
}

export async function setAlertStatus(
  id: string,
  status: "ACKNOWLEDGED" | "RESOLVED",
  by: AdminActor,
): Promise<AlertDto> {
  const db = await getPlatformDb();
  const alert = await db.securityAlert.findUnique({ where: { id } });
  if (!alert) throw new DomainError(404, "No such alert.");
  if (alert.status === "RESOLVED") throw new DomainError(409, "That alert is already resolved.");
  if (alert.status === status) throw new DomainError(409, "That alert is already acknowledged.");
  const now = new Date();
  const updated = await db.securityAlert.update({
    where: { id },
    data: status === "RESOLVED" ? { status, resolvedAt: now, openKey: null } : { status, acknowledgedAt: now },
  });
  await recordAdminAction(by, alert.tenantId, { action: `alert.${status.toLowerCase()}`, rule: alert.rule, alert: id });
  return toDto(updated);
}
