import "server-only";
import { headers } from "next/headers";
import { getServerConfig } from "@/lib/env/server-config";

export type RequestMeta = { ip: string; userAgent: string; route: string };

/**
 * Client address as seen by the server. Next.js appends the socket peer to x-forwarded-for, so
 * the rightmost entry is the peer; with TRUSTED_PROXY_HOPS proxies of our own in front, the
 * client is that many entries further left. Entries a client wrote itself are never used.
 */
export function extractClientIp(forwardedFor: string | null, trustedHops: number): string {
  const entries = (forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const index = entries.length - 1 - trustedHops;
  const ip = index >= 0 ? (entries[index] ?? "") : "";
  // IPv4 clients of a dual-stack socket arrive as IPv4-mapped IPv6 (::ffff:203.0.113.7).
  return ip.startsWith("::ffff:") && ip.includes(".") ? ip.slice("::ffff:".length) : ip;
}

export function readRequestMeta(source: Headers, route = ""): RequestMeta {
  return {
    ip: extractClientIp(source.get("x-forwarded-for"), getServerConfig().TRUSTED_PROXY_HOPS),
    userAgent: (source.get("user-agent") ?? "").slice(0, 300),
    route,
  };
}

export async function getRequestMeta(route = ""): Promise<RequestMeta> {
  return readRequestMeta(await headers(), route);
}
