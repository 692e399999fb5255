// Edge-safe: proves that a request to an internal endpoint comes from our own middleware. The
// header is an HMAC of a fixed label under the session secret, which only the server knows.
import { getSessionSecret } from "@/lib/identity/session-token";

export const INTERNAL_AUTH_HEADER = "x-bulwark-internal";

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
