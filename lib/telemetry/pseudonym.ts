import "server-only";
import { createHmac } from "node:crypto";
import { deriveKey } from "@/lib/security/derived-keys";

/**
 * How an email appears in logs and the security log: masked for people ("s…@northwind.test")
 * plus a keyed hash that stays the same for the same address, so bursts against one account can
 * be correlated without the address itself. Anything that is not an email (a user id) is kept;
 * anything else that was typed (a malformed "email", which may be a password) never gets here.
 */
export function pseudonymizeActor(actor: string | undefined): string {
  const value = (actor ?? "").trim();
  const at = value.lastIndexOf("@");
  if (at < 0) return /^[\w-]{1,64}$/.test(value) ? value : value ? `#${tag(value)}` : "";
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  return `${local.slice(0, 1)}…@${domain.slice(0, 100)}#${tag(value.toLowerCase())}`;
}

function tag(value: string): string {
  return createHmac("sha256", deriveKey("log-pseudonym")).update(value).digest("hex").slice(0, 12);
}
