import "server-only";
import { z } from "zod";
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

const date = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/)
  .transform((value) => new Date(`${value}T00:00:00Z`))
  .optional()
  .catch(undefined);

/** The admin log's filters, from a query string; anything malformed is simply not applied. */
export const securityEventFilterSchema = z.object({
  tenant: z
    .string()
    .max(40)
    .regex(/^[a-z0-9-]+$/)
    .optional()
    .catch(undefined),
  type: z
    .string()
    .max(60)
    .regex(/^[a-z_.]+$/)
    .optional()
    .catch(undefined),
  severity: z.enum(["INFO", "WARNING", "CRITICAL"]).optional().catch(undefined),
  from: date,
  to: date,
});

export type SecurityEventFilter = z.output<typeof securityEventFilterSchema>;

/** Platform-level: security events, newest first. Callers must have checked the administrator role. */
export async function listRecentSecurityEvents(
  filter: SecurityEventFilter = {},
  limit = 100,
): Promise<SecurityEventRow[]> {
  const db = await getPlatformDb();
  const rows = await db.securityEvent.findMany({
    where: {
      ...(filter.tenant ? { tenant: { slug: filter.tenant } } : {}),
      ...(filter.type ? { type: filter.type } : {}),
      ...(filter.severity ? { severity: filter.severity } : {}),
      ...(filter.from || filter.to
        ? {
            createdAt: {
              ...(filter.from ? { gte: filter.from } : {}),
              ...(filter.to ? { lt: new Date(filter.to.getTime() + 86_400_000) } : {}),
            },
          }
        : {}),
    },
    orderBy: { createdAt: "desc" },
    take: Math.min(Math.max(limit, 1), 500),
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
