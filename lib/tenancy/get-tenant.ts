import "server-only";
import { cache } from "react";
import { headers } from "next/headers";
import { notFound } from "next/navigation";
import { cachedQuery, getPlatformDb, TENANT_HOSTS_TAG } from "@/lib/db";
import { getPlatformHost } from "@/lib/env/server-config";
import { normalizeHost, originFor } from "./host";
import type { PolicyKind } from "./store-options";

export type TenantDto = {
  id: string;
  slug: string;
  name: string;
  kind: "STORE" | "PLATFORM";
  currency: string;
  tagline: string;
  description: string;
  accentColor: string;
  logoPath: string | null;
  locale: string;
  /** Plain text of each policy page; an empty one is neither linked nor served. */
  policies: Record<PolicyKind, string>;
  host: string;
};

type TenantRow = Omit<TenantDto, "host" | "policies"> & {
  status: string;
  shippingPolicy: string;
  returnsPolicy: string;
  privacyPolicy: string;
};

/**
 * Authoritative host → tenant lookup. Suspended tenants and unknown hosts resolve to null. The
 * platform answers on the configured PLATFORM_HOST only; a domain row never leads to it (the
 * administration console cannot be reached by naming some other host).
 */
export const findTenantByHost = cache((host: string) => loadTenantByHost(host));

/**
 * Every administrator change to a store or its hosts invalidates this at once
 * (lib/tenancy/admin-tenants.ts); the short lifetime bounds a change made by another process.
 * Unknown hosts are not kept, so made-up Host headers take no room.
 */
const loadTenantByHost = cachedQuery(
  { namespace: "tenancy.host", ttlMs: 5_000, tags: () => [TENANT_HOSTS_TAG], keep: (tenant) => tenant !== null },
  async (host: string): Promise<TenantDto | null> => {
    const db = await getPlatformDb();
    if (host === getPlatformHost()) {
      const platform = await db.tenant.findFirst({ where: { kind: "PLATFORM", status: "ACTIVE" } });
      return platform ? toDto(platform, host) : null;
    }
    const domain = await db.tenantDomain.findUnique({ where: { host }, include: { tenant: true } });
    if (!domain || domain.tenant.status !== "ACTIVE" || domain.tenant.kind !== "STORE") return null;
    return toDto(domain.tenant, host);
  },
);

function toDto(tenant: TenantRow, host: string): TenantDto {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    kind: tenant.kind,
    currency: tenant.currency,
    tagline: tenant.tagline,
    description: tenant.description,
    accentColor: tenant.accentColor,
    logoPath: tenant.logoPath,
    locale: tenant.locale,
    policies: { shipping: tenant.shippingPolicy, returns: tenant.returnsPolicy, privacy: tenant.privacyPolicy },
    host,
  };
}

/**
 * The tenant of the current request. The middleware's rewrite put the host into the route
 * segment, but the middleware is not a boundary (a skipped middleware or a crafted /_tenant path
 * must not pick another store), so the host is derived again from the request and must agree.
 * Memoised per request: metadata, layout and page each ask.
 */
export const requireTenant = cache(async function requireTenant(
  hostSegment: string,
  kind: TenantDto["kind"] = "STORE",
): Promise<TenantDto> {
  const requestHost = normalizeHost((await headers()).get("host"));
  const segmentHost = normalizeHost(decodeURIComponent(hostSegment));
  if (!requestHost || requestHost !== segmentHost) notFound();
  const tenant = await findTenantByHost(requestHost);
  if (!tenant || tenant.kind !== kind) notFound();
  return tenant;
});

/**
 * The origin this request came to (its host's scheme and the port it named), for pages whose forms
 * and next-auth callbacks must stay on that origin. Links that leave the request (mail, Stripe's
 * return URLs, the sitemap, canonical metadata) use getCanonicalOrigin (store-origin.ts).
 */
export async function getStoreOrigin(tenant: TenantDto): Promise<string> {
  const rawHost = (await headers()).get("host") ?? tenant.host;
  const port = /:(\d{1,5})$/.exec(rawHost)?.[1];
  return originFor(tenant.host, port);
}

export { originFor } from "./host";
