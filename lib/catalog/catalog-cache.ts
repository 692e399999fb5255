import "server-only";
import { catalogTag, invalidateTags } from "@/lib/db";

/**
 * How long a cached catalog read may live without an invalidation. Writes made through this
 * process invalidate at once; this bounds what another process (a script, a second instance)
 * can leave stale.
 */
export const CATALOG_TTL_MS = 30_000;

/** Tags of a store's catalog reads; the tenant's id is always the first argument and part of the key. */
export const catalogTags = (tenantId: string | { tenantId: string }) => [
  catalogTag(typeof tenantId === "string" ? tenantId : tenantId.tenantId),
];

/** A product, variant, image, category or stock level of this store changed. */
export function invalidateCatalog(tenantId: string): void {
  invalidateTags(catalogTag(tenantId));
}
