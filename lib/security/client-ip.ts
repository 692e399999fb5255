// Edge-safe: which address a request comes from, as far as we can trust it.
//
// scripts/server.mjs writes the socket's peer into x-bulwark-peer-ip (overwriting any client
// value). With TRUSTED_PROXY_HOPS = 0 that peer is the client and X-Forwarded-For is ignored:
// anyone can write that header. With N proxies of our own in front, each appends the address it
// saw, so the client is N entries left of the peer in [...X-Forwarded-For, peer].

export const PEER_IP_HEADER = "x-bulwark-peer-ip";

function normalizeIp(ip: string): string {
  // IPv4 clients of a dual-stack socket arrive as IPv4-mapped IPv6 (::ffff:203.0.113.7).
  return ip.startsWith("::ffff:") && ip.includes(".") ? ip.slice("::ffff:".length) : ip;
}

export function extractClientIp(
  input: { peer: string | null; forwardedFor: string | null },
  trustedHops: number,
): string {
  const forwarded = (input.forwardedFor ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const peer = input.peer?.trim();
  // Without our server in front (a platform that runs Next.js itself), the last proxy's entry
  // stands in for the peer, and only when proxies are configured.
  const chain = peer ? [...forwarded, peer] : trustedHops > 0 ? forwarded : [];
  const hops = peer ? trustedHops : trustedHops - 1;
  const index = chain.length - 1 - hops;
  return index >= 0 ? normalizeIp(chain[index] ?? "") : "";
}

export function readTrustedProxyHops(raw: string | undefined): number {
  const hops = Number.parseInt(raw ?? "0", 10);
  return Number.isInteger(hops) && hops >= 0 && hops <= 5 ? hops : 0;
}

export function clientIpFromHeaders(headers: Headers, trustedHops: number): string {
  return extractClientIp(
    { peer: headers.get(PEER_IP_HEADER), forwardedFor: headers.get("x-forwarded-for") },
    trustedHops,
  );
}
