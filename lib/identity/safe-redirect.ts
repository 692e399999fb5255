// Pure: where a sign-in or sign-out may send the browser afterwards.

/**
 * Reduces a requested callback URL to a path on the current store's own origin. Absolute URLs to
 * other hosts, protocol-relative `//evil.example`, backslash tricks and anything unparsable fall
 * back to the home page, so a crafted link can never bounce a shopper to another site.
 */
export function toSafeCallbackPath(requested: string | null | undefined, origin: string, fallback = "/"): string {
  if (!requested || requested.length > 2000) return fallback;
  if (/[\\\u0000-\u001f]/.test(requested)) return fallback;
  let url: URL;
  try {
    url = new URL(requested, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== new URL(origin).origin) return fallback;
  if (url.pathname.startsWith("//") || url.pathname.startsWith("/api/")) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
