import "server-only";
import type { DbTransaction } from "@/lib/db";
import { addressNetwork, rateLimitSubject } from "@/lib/security/client-ip";

/** How long stock stays held for an unpaid checkout (a little longer than Stripe's session). */
export const HOLD_LIFETIME_MS = 36 * 60 * 1000;

/**
 * How much may be held without paying. Without a cap one client could take a store's whole stock
 * off sale with a handful of unpaid checkouts, again every half hour.
 * - A client (an address, an IPv6 client's /64) and a signed-in account: a few checkouts at once.
 * - A network (an IPv4 /24, an IPv6 /48): several clients' worth, so shoppers behind one carrier
 *   do not share one client's cap, while an attacker rotating through the /64s of its /48 (or
 *   the addresses of its /24) still meets a limit.
 */
export const HOLD_CAP = { openCheckouts: 3, units: 25 };
export const NETWORK_HOLD_CAP = { openCheckouts: 20, units: 100 };

export class HoldCapReached extends Error {
  constructor(
    readonly openCheckouts: number,
    readonly heldBy: "client" | "network",
  ) {
    super("hold cap reached");
  }
}

/**
 * What every client key of a network starts with: "203.0.113." for 203.0.113.0/24,
 * "2001:db8:1:" for 2001:db8:1::/48 (client keys are written the same way, rateLimitSubject).
 */
function networkKeyPrefix(ip: string): string | null {
  const network = addressNetwork(ip);
  if (network.endsWith(".0/24")) return network.slice(0, -"0/24".length);
  if (network.endsWith("::/48")) return network.slice(0, -"::/48".length) + ":";
  return null;
}

type Held = { items: { quantity: number }[] }[];
const unitsOf = (orders: Held) => orders.reduce((sum, o) => sum + o.items.reduce((s, i) => s + i.quantity, 0), 0);

/**
 * Refuses a checkout that would take this client over the hold cap: the unpaid checkouts of its
 * address, and those of its account when signed in (an account that changes address between
 * checkouts still holds what it held); then its network's. Runs inside the transaction that
 * holds the stock, so parallel checkouts cannot all pass.
 */
export async function checkHoldCap(
  tx: DbTransaction,
  tenantId: string,
  holder: { ip: string; userId: string | null },
  lines: { quantity: number }[],
  now: number,
): Promise<void> {
  const clientKey = rateLimitSubject(holder.ip);
  const recent = { tenantId, status: "PENDING" as const, createdAt: { gt: new Date(now - HOLD_LIFETIME_MS) } };
  const wanted = lines.reduce((sum, line) => sum + line.quantity, 0);
  const select = { items: { select: { quantity: true } } };
  const own = await tx.order.findMany({
    where: { ...recent, OR: [{ clientKey }, ...(holder.userId ? [{ userId: holder.userId }] : [])] },
    select,
  });
  if (own.length >= HOLD_CAP.openCheckouts || unitsOf(own) + wanted > HOLD_CAP.units) {
    throw new HoldCapReached(own.length, "client");
  }
  const prefix = networkKeyPrefix(holder.ip);
  if (!prefix) return;
  const network = await tx.order.findMany({ where: { ...recent, clientKey: { startsWith: prefix } }, select });
  if (network.length >= NETWORK_HOLD_CAP.openCheckouts || unitsOf(network) + wanted > NETWORK_HOLD_CAP.units) {
    throw new HoldCapReached(network.length, "network");
  }
}
