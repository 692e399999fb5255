import "server-only";
import { createHash, randomBytes } from "node:crypto";

/** 256 random bits, URL-safe: refresh credentials, email links, guest tokens. */
export function createOpaqueToken(): string {
  return randomBytes(32).toString("base64url");
}

/** Tokens have 256 bits of entropy, so a fast hash is enough to make the stored value useless. */
export function hashOpaqueToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
