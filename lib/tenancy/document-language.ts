import "server-only";
import { headers } from "next/headers";
import { findTenantByHost } from "./get-tenant";
import { normalizeHost } from "./host";

/**
 * The language of the page being rendered: the locale of the store the request's Host names
 * (screen readers pick their voice from <html lang>), English for the platform and unknown hosts.
 */
export async function readDocumentLanguage(): Promise<string> {
  const host = normalizeHost((await headers()).get("host"));
  const tenant = host ? await findTenantByHost(host) : null;
  return tenant?.locale ?? "en";
}
