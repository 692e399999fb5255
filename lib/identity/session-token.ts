// Edge-safe (used by middleware.ts and the server): the session cookie and the claims it carries.
import { decode, encode } from "next-auth/jwt";
import { getSessionSecret } from "@/lib/env/session-secret";

export type SessionRole = "CUSTOMER" | "MERCHANT" | "ADMINISTRATOR";
/** A merchant's place in their store's team; null for customers and administrators. */
export type StoreRole = "OWNER" | "STAFF";

/**
 * What the encrypted session cookie carries. `aexp` ends the short-lived access claim; `rt` is the
 * refresh credential of session family `fid`, stored only hashed in the database.
 */
export type SessionClaims = {
  sub: string;
  tid: string;
  role: SessionRole;
  fid: string;
  rt: string;
  aexp: number;
  name?: string | null;
  email?: string | null;
};

/** Outside development cookies are Secure and the session cookie is host-only (`__Host-`). */
export function usesSecureCookies(): boolean {
  return process.env.NODE_ENV === "production";
}

export function sessionCookieName(secure = usesSecureCookies()): string {
  return secure ? "__Host-bulwark.session" : "bulwark.session";
}

export function csrfCookieName(secure = usesSecureCookies()): string {
  return secure ? "__Host-next-auth.csrf-token" : "next-auth.csrf-token";
}

const ROLES = new Set(["CUSTOMER", "MERCHANT", "ADMINISTRATOR"]);

export function isSessionClaims(value: unknown): value is SessionClaims {
  if (!value || typeof value !== "object") return false;
  const claims = value as Record<string, unknown>;
  return (
    typeof claims.sub === "string" &&
    typeof claims.tid === "string" &&
    typeof claims.fid === "string" &&
    typeof claims.rt === "string" &&
    typeof claims.aexp === "number" &&
    typeof claims.role === "string" &&
    ROLES.has(claims.role)
  );
}

/** Decrypts a session cookie; null for anything that is not a valid, unexpired Bulwark session. */
export async function decodeSessionToken(token: string | undefined): Promise<SessionClaims | null> {
  if (!token || token.length > 4096) return null;
  try {
    const payload = await decode({ token, secret: getSessionSecret() });
    return isSessionClaims(payload) ? payload : null;
  } catch {
    return null;
  }
}

export function encodeSessionToken(claims: SessionClaims, maxAgeSeconds: number): Promise<string> {
  return encode({ token: claims, secret: getSessionSecret(), maxAge: maxAgeSeconds });
}

export function isAccessExpired(claims: SessionClaims, nowMs = Date.now()): boolean {
  return claims.aexp * 1000 <= nowMs;
}
