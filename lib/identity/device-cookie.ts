import "server-only";
import { AsyncLocalStorage } from "node:async_hooks";
import { createHmac, randomBytes } from "node:crypto";
import { getTenantDb } from "@/lib/db";
import { constantTimeEqual } from "@/lib/security/constant-time";
import { readCookie } from "@/lib/security/cookie-header";
import { deriveKey } from "@/lib/security/derived-keys";
import { usesSecureCookies } from "./session-token";
import { readProcessState } from "@/lib/env/process-state";

// Device cookies (OWASP, "Slow down online guessing attacks with device cookies"): a browser that
// has signed in to an account carries a signed cookie for that account. Attempts that present it
// are counted on their own — per-account rate limit and lockout alike — so guesses from anywhere
// else cannot lock the account's owner out, while guesses made from the device itself still lock
// that device. The cookie names the account only by a keyed hash; it proves nothing by itself and
// never skips the password. One per browser and store: signing in to another account replaces it.
// Each is signed under the account's credential epoch, which every password change or reset,
// two-step set-up or removal and "sign out everywhere" raises: whoever once knew the password
// cannot keep budgets minted before the owner took the account back.

export const DEVICE_COOKIE_TTL_SECONDS = 90 * 24 * 60 * 60;

export function deviceCookieName(secure = usesSecureCookies()): string {
  return secure ? "__Host-bulwark.device" : "bulwark.device";
}

/** Whose device cookie: the store, the account, and the account's credential epoch. */
export type DeviceOwner = { tenantId: string; email: string; epoch: number };

function sign(owner: DeviceOwner, deviceId: string, issuedAt: number): string {
  return createHmac("sha256", deriveKey("device-cookie"))
    .update(`${owner.tenantId}\n${owner.email}\n${owner.epoch}\n${deviceId}\n${issuedAt}`)
    .digest("base64url");
}

/** A fresh device cookie value for this account: `<device id>.<issued, epoch seconds>.<mac>`. */
export function issueDeviceCookieValue(owner: DeviceOwner, now = Date.now()): string {
  const deviceId = randomBytes(16).toString("base64url");
  const issuedAt = Math.floor(now / 1000);
  return `${deviceId}.${issuedAt}.${sign(owner, deviceId, issuedAt)}`;
}

/** A cookie value's parts, if it has the shape of one (no database work for anything else). */
function parseDeviceCookie(value: string | undefined) {
  if (!value || value.length > 200) return null;
  const parts = value.split(".");
  if (parts.length !== 3) return null;
  const [deviceId, issued, mac] = parts as [string, string, string];
  if (!/^[A-Za-z0-9_-]{22}$/.test(deviceId) || !/^[1-9]\d{0,11}$/.test(issued) || !/^[A-Za-z0-9_-]{43}$/.test(mac))
    return null;
  return { deviceId, issuedAt: Number(issued), mac };
}

/**
 * The device id in a cookie value, if the cookie was issued by this deployment for this store and
 * account under its current credential epoch and has not expired; anything else (another
 * account's, a forged, an old or a pre-reset cookie) is no device at all.
 */
export function verifyDeviceCookieValue(
  value: string | undefined,
  owner: DeviceOwner,
  now = Date.now(),
): string | undefined {
  const cookie = parseDeviceCookie(value);
  if (!cookie) return undefined;
  const age = now / 1000 - cookie.issuedAt;
  if (age < -60 || age > DEVICE_COOKIE_TTL_SECONDS) return undefined;
  return constantTimeEqual(cookie.mac, sign(owner, cookie.deviceId, cookie.issuedAt)) ? cookie.deviceId : undefined;
}

// One sign-in request needs the account's credential epoch up to three times: the route's
// per-account limit, the credentials check, and the new device cookie. Inside
// `withSignInEpochs` it is read once (or taken from the account row the credentials check reads
// anyway); the sign-in changes no epoch, and the memo ends with the request.
// One per process (lib/env/process-state.ts): the build may bundle this module more than once, and the memo
// the auth route opens must be the one the credentials check reads.
const signInEpochs = readProcessState("sign-in-epochs", () => new AsyncLocalStorage<Map<string, Promise<number>>>());

/** Runs one sign-in request with its own epoch memo. */
export function withSignInEpochs<T>(work: () => Promise<T>): Promise<T> {
  return signInEpochs.run(new Map(), work);
}

const epochKey = (tenantId: string, canonicalEmail: string) => `${tenantId}\n${canonicalEmail}`;

/** The credentials check read the account row: its epoch needs no second look-up. */
export function rememberEpoch(tenantId: string, canonicalEmail: string, epoch: number): void {
  signInEpochs.getStore()?.set(epochKey(tenantId, canonicalEmail), Promise.resolve(epoch));
}

/** The account's current credential epoch (-1 for an email without an account: no cookie verifies). */
function readEpoch(tenantId: string, canonicalEmail: string): Promise<number> {
  const memo = signInEpochs.getStore();
  const key = epochKey(tenantId, canonicalEmail);
  const known = memo?.get(key);
  if (known) return known;
  const read = (async () => {
    const db = await getTenantDb(tenantId);
    const user = await db.user.findFirst({
      where: { tenantId, email: canonicalEmail },
      select: { credentialEpoch: true },
    });
    return user?.credentialEpoch ?? -1;
  })();
  memo?.set(key, read);
  // A failed read is not remembered.
  read.catch(() => memo?.delete(key));
  return read;
}

/** The trusted device a request presents for this account, read from its Cookie header. */
export async function readTrustedDevice(
  cookieHeader: string | null | undefined,
  tenantId: string,
  canonicalEmail: string,
): Promise<string | undefined> {
  const value = readCookie(cookieHeader, deviceCookieName());
  if (!parseDeviceCookie(value)) return undefined;
  const epoch = await readEpoch(tenantId, canonicalEmail);
  return verifyDeviceCookieValue(value, { tenantId, email: canonicalEmail, epoch });
}

/** The Set-Cookie line that makes this browser a trusted device for the account. */
export async function buildDeviceCookie(tenantId: string, canonicalEmail: string): Promise<string> {
  const secure = usesSecureCookies();
  const owner = { tenantId, email: canonicalEmail, epoch: await readEpoch(tenantId, canonicalEmail) };
  return [
    `${deviceCookieName(secure)}=${issueDeviceCookieValue(owner)}`,
    "Path=/",
    `Max-Age=${DEVICE_COOKIE_TTL_SECONDS}`,
    "HttpOnly",
    "SameSite=Lax",
    ...(secure ? ["Secure"] : []),
  ].join("; ");
}
