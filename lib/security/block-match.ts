// Edge-safe: whether a containment block applies to a client and a kind of request. Shared by the
// middleware (routes) and the guard (server actions, which the middleware cannot tell apart).
import { addressNetwork, addressPrefix, rateLimitSubject } from "./client-ip";

export type BlockRule = {
  scope: "address" | "prefix";
  value: string;
  classes: readonly string[] | "all";
  expiresAt: number;
};

export function blockApplies(block: BlockRule, clientIp: string, policy: string | null, now = Date.now()): boolean {
  if (block.expiresAt <= now) return false;
  const who =
    block.scope === "address"
      ? block.value === clientIp || block.value === rateLimitSubject(clientIp)
      : // A network block names a /24 or an IPv6 /48 (detection groups by it); older ones a /64.
        block.value === addressNetwork(clientIp) || block.value === addressPrefix(clientIp);
  return who && (block.classes === "all" || (policy !== null && block.classes.includes(policy)));
}
