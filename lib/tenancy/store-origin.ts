import "server-only";
import { cachedQuery, getTenantDb, TENANT_HOSTS_TAG } from "@/lib/db";
import { getPlatformHost, getServerConfig } from "@/lib/env/server-config";
import type { TenantDto } from "./get-tenant";
import { originFor } from "./host";

// The origin links in mail carry (invitations, confirmations, resets, order links, sign-in
// notices): built from our own records — the store's primary host, the platform's configured
// host — never from the Host of the request that caused the mail, whose port (or alternative
// name) a client chooses. Local development hosts carry the server's own port.

/** A host of ours as an origin: https, or http with the server's port for local development hosts. */
export function canonicalOriginFor(host: string): string {
  const local = originFor(host).startsWith("http:");
  return originFor(host, local ? String(getServerConfig().PORT ?? 3000) : undefined);
}

/**
 * A store's canonical origin: its primary host (the first one added when none is marked). Every
 * page's metadata asks for it, so it is cached with the host look-up and dropped with it whenever
 * an administrator changes a store's hosts (lib/tenancy/admin-tenants.ts).
 */
export const findCanonicalStoreOrigin = cachedQuery(
  { namespace: "tenancy.canonical-origin", ttlMs: 5_000, tags: () => [TENANT_HOSTS_TAG] },
  async (tenantId: string): Promise<string | null> => {
    const db = await getTenantDb(tenantId);
    const domain = await db.tenantDomain.findFirst({ orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }] });
    return domain ? canonicalOriginFor(domain.host) : null;
  },
);

/** The origin for links that leave the request: mail, Stripe's return URLs, the sitemap, canonical metadata. */
export async function getCanonicalOrigin(tenant: TenantDto): Promise<string> {
  if (tenant.kind === "PLATFORM") return canonicalOriginFor(getPlatformHost() ?? tenant.host);
  return (await findCanonicalStoreOrigin(tenant.id)) ?? canonicalOriginFor(tenant.host);
}
