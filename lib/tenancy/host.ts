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

/** A store's origin: plain http only for local development hosts, https everywhere else. */
export function originFor(host: string, port?: string): string {
  const local = host === "localhost" || host.endsWith(".localhost") || host === "127.0.0.1";
  return `${local ? "http" : "https"}://${host}${port ? `:${port}` : ""}`;
}

/**
 * The only Origin a same-site request to this Host may carry: scheme, host and port all match
 * (a right host over the wrong scheme or port is another origin). Null for an invalid Host.
 */
export function expectedOrigin(hostHeader: string | null): string | null {
  const host = normalizeHost(hostHeader);
  if (!host) return null;
  const port = /:(\d{1,5})$/.exec(hostHeader!.trim())?.[1];
  return new URL(originFor(host, port)).origin;
}

/** True when an Origin header names exactly this Host's origin. */
export function isSameOrigin(origin: string, hostHeader: string | null): boolean {
  const expected = expectedOrigin(hostHeader);
  return expected !== null && URL.canParse(origin) && new URL(origin).origin === expected;
}
