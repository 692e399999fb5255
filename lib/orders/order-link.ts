import "server-only";
import type { DbTransaction } from "@/lib/db";
import { createOpaqueToken, hashOpaqueToken } from "@/lib/identity/opaque-token";
import { canonicalOriginFor } from "@/lib/tenancy/store-origin";

// The links order mails carry, built from our own records: the store's primary host, never a
// request's Host or an event's metadata.

/** The store's primary origin; null when the store has no domain. */
export async function storeOrigin(tx: DbTransaction, tenantId: string): Promise<string | null> {
  const domain = await tx.tenantDomain.findFirst({
    where: { tenantId },
    orderBy: [{ isPrimary: "desc" }, { createdAt: "asc" }],
  });
  return domain ? canonicalOriginFor(domain.host) : null;
}

/**
 * The link a later mail about an order (shipped, refunded) carries. An account's order is seen
 * signed in; a guest's through a fresh look-up token, as "find my order" sends: the token is kept
 * only as its hash, so a new mail can only carry a new one, and the newest mail's link is the one
 * that works (the mail says so).
 */
export async function orderLinkForMail(
  tx: DbTransaction,
  order: { id: string; tenantId: string; userId: string | null },
): Promise<string | null> {
  const origin = await storeOrigin(tx, order.tenantId);
  if (!origin) return null;
  if (order.userId) return `${origin}/orders/${order.id}`;
  const token = createOpaqueToken();
  await tx.order.update({ where: { id: order.id }, data: { lookupTokenHash: hashOpaqueToken(token) } });
  return `${origin}/orders/${order.id}?t=${encodeURIComponent(token)}`;
}
