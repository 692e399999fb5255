// Edge-safe: which address a request comes from, as far as we can trust it.
//
// scripts/server.mjs writes the socket's peer into x-bulwark-peer-ip (overwriting any client
// value). With TRUSTED_PROXY_HOPS = 0 that peer is the client and X-Forwarded-For is ignored:
// anyone can write that header. With N proxies of our own in front, each appends the address it
// saw, so the client is N entries left of the peer in [...X-Forwarded-For, peer].

export const PEER_IP_HEADER = "x-bulwark-peer-ip";

function normalizeIp(entry: string): string {
  // Some proxies write the client's port too ("203.0.113.7:51234", "[2001:db8::1]:443"): without
  // it stripped, every connection would be a client and a network of its own.
  const ip = /^\d{1,3}(\.\d{1,3}){3}:\d{1,5}$/.test(entry)
    ? entry.slice(0, entry.lastIndexOf(":"))
    : (/^\[([0-9a-fA-F:.]+)\](:\d{1,5})?$/.exec(entry)?.[1] ?? entry);
  // IPv4 clients of a dual-stack socket arrive as IPv4-mapped IPv6 (::ffff:203.0.113.7).
  return ip.toLowerCase().startsWith("::ffff:") && ip.includes(".") ? ip.slice("::ffff:".length) : ip;
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

export function clientIpFromHeaders(headers: Headers, trustedHops: number): string {
  return extractClientIp(
    { peer: headers.get(PEER_IP_HEADER), forwardedFor: headers.get("x-forwarded-for") },
    trustedHops,
  );
}

/** The eight 16-bit groups of an IPv6 address, or null if it is not one. */
function ipv6Groups(ip: string): number[] | null {
  const address = ip
    .replace(/^\[|\]$/g, "")
    .split("%")[0]!
    .toLowerCase();
  if (!address.includes(":") || !/^[0-9a-f:.]+$/.test(address)) return null;
  const halves = address.split("::");
  if (halves.length > 2) return null;
  const parse = (part: string): number[] | null => {
    if (part === "") return [];
    const groups: number[] = [];
    for (const piece of part.split(":")) {
      if (/^\d+\.\d+\.\d+\.\d+$/.test(piece)) {
        const octets = piece.split(".").map(Number);
        if (octets.some((octet) => octet > 255)) return null;
        groups.push((octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!);
      } else if (/^[0-9a-f]{1,4}$/.test(piece)) {
        groups.push(Number.parseInt(piece, 16));
      } else {
        return null;
      }
    }
    return groups;
  };
  const head = parse(halves[0]!);
  const tail = halves.length === 2 ? parse(halves[1]!) : [];
  if (!head || !tail) return null;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  return [...head, ...Array<number>(missing).fill(0), ...tail];
}

/**
 * What a client's requests are counted by. One IPv6 host usually holds a whole /64 (privacy
 * addresses rotate inside it and any user can pick new ones), so IPv6 clients are counted per
 * /64; an IPv4-mapped address counts as the IPv4 address it carries.
 */
export function rateLimitSubject(ip: string): string {
  const groups = ipv6Groups(ip);
  if (!groups) return ip;
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped) return `${groups[6]! >> 8}.${groups[6]! & 255}.${groups[7]! >> 8}.${groups[7]! & 255}`;
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":")}::/64`;
}

/**
 * The /24 of an IPv4 address or the /64 of an IPv6 one: what one client can easily rotate within,
 * so what detection groups attacks by. An IPv4-mapped address counts as the IPv4 address.
 */
export function addressPrefix(ip: string): string {
  const subject = rateLimitSubject(ip);
  if (subject.endsWith("::/64")) return subject;
  const parts = subject.split(".");
  if (parts.length === 4 && parts.every((part) => /^\d{1,3}$/.test(part))) return `${parts.slice(0, 3).join(".")}.0/24`;
  // Not an address at all (a proxy's "unknown"): its own group, rather than none that any rule sees.
  return subject.slice(0, 64);
}

/**
 * The network incidents are grouped and contained by: the /24 of an IPv4 address (as
 * addressPrefix), the /48 of an IPv6 one. A /48 is one site's allocation: an attacker holding one
 * rotates through 65,536 /64s, and counted per /64 would open one incident (and one block) each.
 */
export function addressNetwork(ip: string): string {
  const prefix = addressPrefix(ip);
  if (!prefix.endsWith("::/64")) return prefix;
  const groups = prefix.slice(0, -"::/64".length).split(":");
  return `${groups.slice(0, 3).join(":")}::/48`;
}
