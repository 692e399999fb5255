import "server-only";
import { getTenantDb, type TenantDb } from "@/lib/db";
import type { AuditEntryInput, AuditSubject } from "./audit-sentences";

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
    select: {
      id: true,
      actorId: true,
      actorEmail: true,
      action: true,
      entity: true,
      entityId: true,
      details: true,
      createdAt: true,
    },
  });
}

/** An entry ready to be read as a sentence (lib/telemetry/audit-sentences.ts): names resolved. */
export type AuditTrailEntry = AuditEntryInput & { id: string; actorEmail: string; createdAt: Date };

function parseDetails(details: string): Record<string, unknown> {
  try {
    const parsed: unknown = JSON.parse(details);
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The order reference merchants see in their order list: the id's last eight characters. */
export const orderReference = (id: string) => id.slice(-8).toUpperCase();

/**
 * The store's latest audit entries with who acted (their name, else their address) and the
 * product or order each is about, looked up in this store only: an option, stock or image entry
 * is about its product. A product or order deleted since resolves to null.
 */
export async function listAuditTrail(tenantId: string, limit = 100): Promise<AuditTrailEntry[]> {
  const db = await getTenantDb(tenantId);
  const entries = await listAuditLog(tenantId, limit);
  const withDetails = entries.map((entry) => ({ ...entry, parsed: parseDetails(entry.details) }));
  const ids = (entity: string) => [...new Set(withDetails.filter((e) => e.entity === entity).map((e) => e.entityId))];
  const imageProductIds = withDetails
    .filter((e) => e.entity === "ProductImage" && typeof e.parsed.productId === "string")
    .map((e) => e.parsed.productId as string);
  const [actors, variants, orders] = await Promise.all([
    db.user.findMany({
      where: { id: { in: [...new Set(entries.map((e) => e.actorId))] } },
      select: { id: true, name: true },
    }),
    db.variant.findMany({ where: { id: { in: ids("Variant") } }, select: { id: true, productId: true } }),
    db.order.findMany({ where: { id: { in: ids("Order") } }, select: { id: true } }),
  ]);
  const productOfVariant = new Map(variants.map((v) => [v.id, v.productId]));
  const productIds = [...ids("Product"), ...imageProductIds, ...variants.map((v) => v.productId)];
  const products = await db.product.findMany({
    where: { id: { in: [...new Set(productIds)] } },
    select: { id: true, title: true },
  });
  const actorNames = new Map(actors.map((a) => [a.id, a.name.trim()]));
  const productTitles = new Map(products.map((p) => [p.id, p.title]));
  const orderIds = new Set(orders.map((o) => o.id));

  const subjectOf = (entry: (typeof withDetails)[number]): AuditSubject => {
    if (entry.entity === "Order")
      return orderIds.has(entry.entityId)
        ? { kind: "order", id: entry.entityId, label: orderReference(entry.entityId) }
        : null;
    const productId =
      entry.entity === "Product"
        ? entry.entityId
        : entry.entity === "Variant"
          ? productOfVariant.get(entry.entityId)
          : entry.entity === "ProductImage"
            ? (entry.parsed.productId as string | undefined)
            : undefined;
    const title = productId ? productTitles.get(productId) : undefined;
    return productId && title !== undefined ? { kind: "product", id: productId, label: title } : null;
  };

  return withDetails.map((entry) => ({
    id: entry.id,
    action: entry.action,
    actorEmail: entry.actorEmail,
    actorName: actorNames.get(entry.actorId) || entry.actorEmail,
    createdAt: entry.createdAt,
    details: entry.parsed,
    subject: subjectOf(entry),
  }));
}
