// Edge-safe (no Node APIs, no database): shared by middleware.ts and lib/tenancy.

const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/**
 * Normalises a Host header into the key stored in TenantDomain: lower-case, without port or
 * trailing dot. Returns null for anything that is not a plain DNS name or IPv4 address, so a
 * crafted Host can never reach a database lookup or a rewrite path.
 */
export function normalizeHost(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 260) return null;
  let host = raw.trim().toLowerCase();
  const colon = host.lastIndexOf(":");
  if (colon !== -1) {
    const port = host.slice(colon + 1);
    if (!/^\d{1,5}$/.test(port)) return null;
    host = host.slice(0, colon);
  }
  if (host.endsWith(".")) host = host.slice(0, -1);
  if (host.length === 0 || host.length > 253) return null;
  const labels = host.split(".");
  return labels.every((label) => LABEL.test(label)) ? host : null;
}

/** The internal route segment every storefront request is rewritten into (app/%5Ftenant/[host]). */
export const TENANT_SEGMENT = "/_tenant";

export function buildTenantRewritePath(host: string, pathname: string): string {
  return `${TENANT_SEGMENT}/${host}${pathname === "/" ? "" : pathname}`;
}
