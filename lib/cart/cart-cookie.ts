import { usesSecureCookies } from "@/lib/identity/session-token";
import { readCookie } from "@/lib/security/cookie-header";

/** The guest cart's cookie: a random token, stored only hashed. Host-only and Secure outside development. */
export function guestCartCookieName(secure = usesSecureCookies()): string {
  return secure ? "__Host-bulwark.cart" : "bulwark.cart";
}

export const GUEST_CART_TTL_MS = 30 * 24 * 3600 * 1000;
export const USER_CART_TTL_MS = 90 * 24 * 3600 * 1000;

export function guestCartCookieOptions() {
  return {
    httpOnly: true,
    sameSite: "lax" as const,
    secure: usesSecureCookies(),
    path: "/",
    maxAge: GUEST_CART_TTL_MS / 1000,
  };
}

/** A guest cart token as we issue them; anything else in the cookie is ignored. */
export function asGuestCartToken(value: string | undefined): string | undefined {
  return value && /^[\w-]{20,100}$/.test(value) ? value : undefined;
}

/** Reads the guest cart token from a raw Cookie header (used where next/headers is not available). */
export function readGuestCartToken(cookieHeader: string | null | undefined): string | undefined {
  return asGuestCartToken(readCookie(cookieHeader, guestCartCookieName()));
}
