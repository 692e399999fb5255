// Edge-safe: the one secret everything else derives its keys from (lib/security/derived-keys.ts).
// Read here, at the base of the dependency order, so that no layer has to reach up for it.

export const NON_PRODUCTION_FALLBACK_SECRET = "bulwark-development-only-secret-do-not-use-in-production";

export function getSessionSecret(): string {
  const secret = process.env.NEXTAUTH_SECRET;
  if (secret) return secret;
  if (process.env.NODE_ENV === "production") throw new Error("NEXTAUTH_SECRET is required in production");
  return NON_PRODUCTION_FALLBACK_SECRET;
}
