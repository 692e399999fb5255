import "server-only";
import { createHmac, randomBytes } from "node:crypto";
import { constantTimeEqual } from "@/lib/security/constant-time";
import { readCookie } from "@/lib/security/cookie-header";
import { deriveKey } from "@/lib/security/derived-keys";
import { usesSecureCookies } from "./session-token";

// Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser that
// has signed in to an account carries a signed cookie for that account. Attempts that present it
// are counted on their own — per-account rate limit and lockout alike — so guesses from anywhere
// else cannot lock the account's owner out, while guesses made from the device itself still lock
// that device. The cookie names the account only by a keyed hash; it proves nothing by itself and
// never skips the password. One per browser and store: signing in to another account replaces it.

export const DEVICE_COOKIE_TTL_SECONDS = 90 * 24 * 60 * 60;

export function deviceCookieName(secure = usesSecureCookies()): string {
  return secure ? "__Host-bulwark.device" : "bulwark.device";
}

function sign(tenantId: string, canonicalEmail: string, deviceId: string, issuedAt: number): string {
  return createHmac("sha256", deriveKey("device-cookie"))
    .update(`${tenantId}\n${canonicalEmail}\n${deviceId}\n${issuedAt}`)
    .digest("base64url");
}

/** A fresh device cookie value for this account: `<device id>.<issued, epoch seconds>.<mac>`. */
export function issueDeviceCookieValue(tenantId: string, canonicalEmail: string, now = Date.now()): string {
  const deviceId = randomBytes(16).toString("base64url");
  const issuedAt = Math.floor(now / 1000);
  return `${deviceId}.${issuedAt}.${sign(tenantId, canonicalEmail, deviceId, issuedAt)}`;
}

/**
 * The device id in a cookie value, if the cookie was issued by this deployment for this store and
 * this account and has not expired; anything else (another account's, a forged or an old cookie)
 * is no device at all.
 */
export function verifyDeviceCookieValue(
  value: string | undefined,
  tenantId: string,
  canonicalEmail: string,
  now = Date.now(),
): string | undefined {
  if (!value || value.length > 200) return undefined;
  const parts = value.split(".");
  if (parts.length !== 3) return undefined;
  const [deviceId, issued, mac] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]{22}$/.test(deviceId) || !/^\d{1,12}$/.test(issued)) return undefined;
  const issuedAt = Number(issued);
  const age = now / 1000 - issuedAt;
  if (age < -60 || age > DEVICE_COOKIE_TTL_SECONDS) return undefined;
  return constantTimeEqual(mac, sign(tenantId, canonicalEmail, deviceId, issuedAt)) ? deviceId : undefined;
}

/** The trusted device a request presents for this account, read from its Cookie header. */
export function readTrustedDevice(
  cookieHeader: string | null | undefined,
  tenantId: string,
  canonicalEmail: string,
): string | undefined {
  return verifyDeviceCookieValue(readCookie(cookieHeader, deviceCookieName()), tenantId, canonicalEmail);
}

/** The Set-Cookie line that makes this browser a trusted device for the account. */
export function buildDeviceCookie(tenantId: string, canonicalEmail: string): string {
  const secure = usesSecureCookies();
  return [
    `${deviceCookieName(secure)}=${issueDeviceCookieValue(tenantId, canonicalEmail)}`,
    "Path=/",
    `Max-Age=${DEVICE_COOKIE_TTL_SECONDS}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
