import "server-only";
import { getPlatformDb } from "@/lib/db";

export type SecurityEventRow = {
  id: string;
  createdAt: Date;
  type: string;
  severity: "INFO" | "WARNING" | "CRITICAL";
  tenant: string | null;
  actor: string;
  ip: string;
  route: string;
  details: string;
};

/** Platform-level: the newest security events. Callers must have checked the administrator role. */
export async function listRecentSecurityEvents(limit = 50): Promise<SecurityEventRow[]> {
  const db = await getPlatformDb();
  const rows = await db.securityEvent.findMany({
    orderBy: { createdAt: "desc" },
    take: Math.min(Math.max(limit, 1), 200),
    include: { tenant: { select: { slug: true } } },
  });
  return rows.map((row) => ({
    id: row.id,
    createdAt: row.createdAt,
    type: row.type,
    severity: row.severity,
    tenant: row.tenant?.slug ?? null,
    actor: row.actor,
    ip: row.ip,
    route: row.route,
    details: row.details,
  }));
}
