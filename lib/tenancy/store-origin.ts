import "server-only";
import { getTenantDb } from "@/lib/db";
import { getServerConfig } from "@/lib/env/server-config";
import { originFor } from "./host";

/**
 * A store's canonical origin for links in mail that may be requested from elsewhere (an
 * invitation sent from the administrators' console): its primary host from our own records,
 * never the Host of the request that asked. Local development hosts carry the server's port.
 */
export async function findCanonicalStoreOrigin(tenantId: string): Promise<string | null> {
  const db = await getTenantDb(tenantId);
  const domain = await db.tenantDomain.findFirst({ orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }] });
  if (!domain) return null;
  const local = originFor(domain.host).startsWith("http:");
  return originFor(domain.host, local ? String(getServerConfig().PORT ?? 3000) : undefined);
}
