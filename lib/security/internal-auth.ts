// Edge-safe: proves that a request to an internal endpoint comes from our own middleware. The
// header is an HMAC of a fixed label under the session secret, which only the server knows.
import { getSessionSecret } from "@/lib/identity/session-token";

export const INTERNAL_AUTH_HEADER = "x-bulwark-internal";
/** The client address the middleware resolved, trusted only on an authenticated internal call. */
export const CLIENT_IP_HEADER = "x-bulwark-client-ip";

async function hmacHex(secret: string, label: string): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signature = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(label));
  return [...new Uint8Array(signature)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function createInternalAuthValue(label: string): Promise<string> {
  return hmacHex(getSessionSecret(), `bulwark-internal:${label}`);
}

export async function isInternalRequest(headers: Headers, label: string): Promise<boolean> {
  const presented = headers.get(INTERNAL_AUTH_HEADER);
  if (!presented) return false;
  const expected = await createInternalAuthValue(label);
  if (presented.length !== expected.length) return false;
  let diff = 0;
  for (let i = 0; i < expected.length; i++) diff |= presented.charCodeAt(i) ^ expected.charCodeAt(i);
  return diff === 0;
}

/** How the middleware reaches the app's own route handlers (it has no database of its own). */
export function internalUrl(requestUrl: URL, path: string): string {
  const origin =
    process.env.BULWARK_INTERNAL_ORIGIN || `http://127.0.0.1:${process.env.PORT || requestUrl.port || "3000"}`;
  return `${origin}${path}`;
}
