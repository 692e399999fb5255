// Edge-safe: proves that a request to an internal endpoint comes from our own middleware, and
// that nobody changed it on the way. The middleware signs what the call does — method, path,
// time, the client address it vouches for, and a hash of the body — with a key derived for this
// purpose alone (HKDF from the session secret); the endpoint accepts it for 30 s either side.
import { getEdgeConfig } from "@/lib/env/edge-config";
import { readTextCapped } from "@/lib/security/read-body";
import { getSessionSecret } from "@/lib/env/session-secret";

export const INTERNAL_AUTH_HEADER = "x-bulwark-internal";
/** The client address the middleware resolved, trusted only on an authenticated internal call. */
export const CLIENT_IP_HEADER = "x-bulwark-client-ip";

const MAX_SKEW_MS = 30_000;
const MAX_BODY_BYTES = 16 * 1024;
const encoder = new TextEncoder();

let keyPromise: Promise<CryptoKey> | undefined;
let keySecret: string | undefined;

function internalCallKey(): Promise<CryptoKey> {
  const secret = getSessionSecret();
  if (!keyPromise || keySecret !== secret) {
    keySecret = secret;
    keyPromise = (async () => {
      const base = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"]);
      return crypto.subtle.deriveKey(
        {
          name: "HKDF",
          hash: "SHA-256",
          salt: encoder.encode("bulwark"),
          info: encoder.encode("bulwark:internal-call"),
        },
        base,
        { name: "HMAC", hash: "SHA-256", length: 256 },
        false,
        ["sign", "verify"],
      );
    })();
  }
  return keyPromise;
}

const hex = (bytes: ArrayBuffer) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");

async function canonical(call: { method: string; path: string; timestamp: number; clientIp: string; body: string }) {
  const bodyHash = hex(await crypto.subtle.digest("SHA-256", encoder.encode(call.body)));
  return encoder.encode(`${call.method.toUpperCase()}\n${call.path}\n${call.timestamp}\n${call.clientIp}\n${bodyHash}`);
}

/** Headers for an internal call: the client address and the signature over the whole call. */
export async function signInternalCall(
  call: { method: string; path: string; clientIp: string; body: string },
  now = Date.now(),
): Promise<Record<string, string>> {
  const signature = await crypto.subtle.sign(
    "HMAC",
    await internalCallKey(),
    await canonical({ ...call, timestamp: now }),
  );
  return { [INTERNAL_AUTH_HEADER]: `t=${now},s=${hex(signature)}`, [CLIENT_IP_HEADER]: call.clientIp };
}

export type VerifiedInternalCall = { ok: true; body: string; clientIp: string } | { ok: false };

/** Reads (capped) and verifies an internal call to `path`; anything unsigned, stale or altered is refused. */
export async function verifyInternalCall(
  request: Request,
  path: string,
  now = Date.now(),
  maxBytes = MAX_BODY_BYTES,
): Promise<VerifiedInternalCall> {
  const match = /^t=(\d{1,15}),s=([0-9a-f]{64})$/.exec(request.headers.get(INTERNAL_AUTH_HEADER) ?? "");
  if (!match) return { ok: false };
  const timestamp = Number(match[1]);
  if (Math.abs(now - timestamp) > MAX_SKEW_MS) return { ok: false };
  const read = await readTextCapped(request, maxBytes);
  if (!read.ok) return { ok: false };
  const clientIp = request.headers.get(CLIENT_IP_HEADER) ?? "";
  const signature = Uint8Array.from(match[2]!.match(/../g)!.map((pair) => Number.parseInt(pair, 16)));
  const valid = await crypto.subtle.verify(
    "HMAC",
    await internalCallKey(),
    signature,
    await canonical({ method: request.method, path, timestamp, clientIp, body: read.text }),
  );
  return valid ? { ok: true, body: read.text, clientIp } : { ok: false };
}

/** How the middleware reaches the app's own route handlers (it has no database of its own). */
export function internalUrl(requestUrl: URL, path: string): string {
  const config = getEdgeConfig();
  const origin = config.BULWARK_INTERNAL_ORIGIN ?? `http://127.0.0.1:${config.PORT ?? (requestUrl.port || 3000)}`;
  return `${origin}${path}`;
}
