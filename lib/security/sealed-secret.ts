import "server-only";
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { deriveKey } from "./derived-keys";

// Secrets the server must read back (a TOTP seed cannot be hashed) are stored sealed: AES-256-GCM
// under a key derived for this purpose alone, with a label binding the ciphertext to its owner
// and use, so a sealed value copied to another row or column does not open.

const VERSION = "v1";

export function sealSecret(plain: Buffer, label: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", deriveKey("sealed-secret"), iv);
  cipher.setAAD(Buffer.from(label));
  const body = Buffer.concat([cipher.update(plain), cipher.final()]);
  return [
    VERSION,
    iv.toString("base64url"),
    body.toString("base64url"),
    cipher.getAuthTag().toString("base64url"),
  ].join(".");
}

/** The plain secret, or null when the value was not sealed here, for this label. */
export function openSecret(sealed: string, label: string): Buffer | null {
  const [version, iv, body, tag] = sealed.split(".");
  if (version !== VERSION || !iv || !body || !tag) return null;
  try {
    const decipher = createDecipheriv("aes-256-gcm", deriveKey("sealed-secret"), Buffer.from(iv, "base64url"));
    decipher.setAAD(Buffer.from(label));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(body, "base64url")), decipher.final()]);
  } catch {
    return null;
  }
}
