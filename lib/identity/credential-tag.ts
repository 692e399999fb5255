import "server-only";
import { createHmac } from "node:crypto";
import { deriveKey } from "@/lib/security/derived-keys";

/** Five hex digits: 20 bits. */
export const CREDENTIAL_TAG_LENGTH = 5;

/**
 * A fingerprint of the password a failed sign-in tried, so detection can tell password spraying
 * (one password against many accounts) from stuffing (a different pair each time). Keyed, so it
 * cannot be computed without the server's secret, and only 20 bits long: a million passwords
 * share each tag, so even with the key it narrows nothing down to a password. It is only for
 * failed attempts; a right password is never tagged.
 */
export function tagTriedPassword(password: string): string {
  return createHmac("sha256", deriveKey("credential-tag"))
    .update(password)
    .digest("hex")
    .slice(0, CREDENTIAL_TAG_LENGTH);
}
