// Edge-safe: the path the router will dispatch, as the middleware must see it.
//
// The App Router decodes each segment before matching (`/api/auth/%63allback/credentials` runs the
// credentials callback), so every decision the middleware makes by path — rate-limit class,
// protected area, internal segment — is made on the decoded form. A segment that decodes to a
// separator or a dot-segment would make the middleware and the router disagree about the path's
// shape, so such paths are refused instead of guessed at.

/** The decoded path, or null when it is malformed or hides a separator or dot-segment. */
export function decodeRoutePath(pathname: string): string | null {
  if (!pathname.startsWith("/")) return null;
  const segments = pathname.split("/");
  const decoded: string[] = [];
  for (const [index, segment] of segments.entries()) {
    let value: string;
    try {
      value = decodeURIComponent(segment);
    } catch {
      return null;
    }
    if (value.includes("/") || value.includes("\\") || value.includes("\0") || value === "." || value === "..")
      return null;
    // An empty inner segment (`//`) is a different path to some routers than to others.
    if (value === "" && index > 0 && index < segments.length - 1) return null;
    decoded.push(value);
  }
  return decoded.join("/");
}
