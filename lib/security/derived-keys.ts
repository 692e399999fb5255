import "server-only";
import { hkdfSync } from "node:crypto";
import { getSessionSecret } from "@/lib/env/session-secret";

// One secret, one purpose: every use of the session secret beyond next-auth's own gets its own
// key, derived with HKDF-SHA-256 and labelled by purpose, so a key learnt from one use (a log
// pseudonym, say) says nothing about another.

export type KeyPurpose = "log-pseudonym" | "device-cookie" | "sealed-secret" | "credential-tag";

const cache = new Map<KeyPurpose, Buffer>();

export function deriveKey(purpose: KeyPurpose): Buffer {
  let key = cache.get(purpose);
  if (!key) {
    key = Buffer.from(hkdfSync("sha256", getSessionSecret(), "bulwark", `bulwark:${purpose}`, 32));
    cache.set(purpose, key);
  }
  return key;
}
