import "server-only";
import { DomainError } from "@/lib/security/domain-error";
import { getPlatformDb } from "@/lib/db";
import { resolveCartOwner } from "@/lib/cart/cart-owner";
import { findCartId, readCart, type CartOwner } from "@/lib/cart/cart-store";
import type { CurrentUser } from "@/lib/identity/current-user";
import { createOpaqueToken, hashOpaqueToken } from "@/lib/identity/opaque-token";
import { getStripe } from "@/lib/payments/stripe-client";
import { logEvent } from "@/lib/telemetry/logger";
import { getStoreOrigin, type TenantDto } from "@/lib/tenancy";
import { OutOfStockError, releaseExpiredReservations, releaseReservations, reserveStock } from "./reservations";

/** Stripe keeps a Checkout Session open for 31 minutes here; stock is held a little longer. */
export const SESSION_LIFETIME_MS = 31 * 60 * 1000;
export const HOLD_LIFETIME_MS = 36 * 60 * 1000;

/**
 * Turns the cart into a PENDING order with snapshots of every line, holds the stock in the same
 * transaction (all or nothing), then opens a Stripe Checkout Session for exactly that order.
 * If Stripe cannot be reached the hold is released at once; if the process dies in between, the
 * hold expires and the sweeper releases it.
 */
export async function startCheckout(
  tenant: TenantDto,
  user: CurrentUser | null,
  owner: CartOwner | null,
  origin: string,
): Promise<{ url: string; orderId: string }> {
  await releaseExpiredReservations();
  const cart = await readCart(tenant, owner);
  if (cart.lines.length === 0) throw new DomainError(409, "Your cart is empty.");
  const problem = cart.lines.find((line) => line.problem);
  if (problem)
    throw new DomainError(
      409,
      `${problem.productTitle} (${problem.variantTitle}) is no longer available in that quantity. Please update your cart.`,
    );

  const db = await getPlatformDb();
  const lookupToken = createOpaqueToken();
  const now = Date.now();
  const sourceCartId = owner ? await findCartId(tenant.id, owner) : null;
  let order: { id: string; tenantId: string };
  try {
    order = await db.$transaction(
      async (tx) => {
        const created = await tx.order.create({
          data: {
            tenantId: tenant.id,
            userId: user?.id ?? null,
            email: user?.email ?? "",
            currency: tenant.currency,
            subtotalMinor: cart.subtotalMinor,
            totalMinor: cart.subtotalMinor,
            lookupTokenHash: hashOpaqueToken(lookupToken),
            sourceCartId,
          },
        });
        // Snapshots: later catalog edits never change what this order says was bought.
        await tx.orderItem.createMany({
          data: cart.lines.map((line) => ({
            tenantId: tenant.id,
            orderId: created.id,
            variantId: line.variantId,
            productTitle: line.productTitle,
            variantTitle: line.variantTitle,
            sku: line.sku,
            unitPriceMinor: line.unitPriceMinor,
            quantity: line.quantity,
          })),
        });
        await reserveStock(tx, created, cart.lines, new Date(now + HOLD_LIFETIME_MS));
        return created;
      },
      { maxWait: 15_000, timeout: 15_000 },
    );
  } catch (error) {
    if (error instanceof OutOfStockError) {
      throw new DomainError(409, "Something in your cart just sold out. Please review your cart.");
    }
    throw error;
  }

  try {
    const session = await getStripe().checkout.sessions.create(
      {
        mode: "payment",
        client_reference_id: order.id,
        metadata: { orderId: order.id, tenantId: tenant.id, origin, lookupToken },
        ...(user ? { customer_email: user.email } : {}),
        line_items: cart.lines.map((line) => ({
          quantity: line.quantity,
          price_data: {
            currency: tenant.currency.toLowerCase(),
            unit_amount: line.unitPriceMinor,
            product_data: { name: `${line.productTitle} — ${line.variantTitle}` },
          },
        })),
        success_url: `${origin}/orders/${order.id}?t=${lookupToken}&session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${origin}/checkout/cancel?order=${order.id}&t=${lookupToken}`,
        expires_at: Math.floor((now + SESSION_LIFETIME_MS) / 1000),
      },
      { idempotencyKey: `checkout-${order.id}` },
    );
    await db.order.update({ where: { id: order.id }, data: { stripeCheckoutSessionId: session.id } });
    if (!session.url) throw new Error("Stripe returned no checkout URL");
    return { url: session.url, orderId: order.id };
  } catch (error) {
    logEvent("error", "checkout_session_failed", { orderId: order.id, error: String(error) });
    await db.$transaction(async (tx) => {
      await releaseReservations(tx, order);
      await tx.order.updateMany({
        where: { id: order.id, status: "PENDING" },
        data: { status: "CANCELLED", cancelledAt: new Date() },
      });
    });
    throw new DomainError(502, "We couldn't reach the payment provider. Nothing was charged; please try again.");
  }
}

/** The shopper came back from Stripe with "cancel": end that checkout now and give the stock back. */
export async function cancelCheckout(tenant: TenantDto, orderId: string, token: string): Promise<boolean> {
  const db = await getPlatformDb();
  const order = await db.order.findFirst({
    where: { id: orderId, tenantId: tenant.id, lookupTokenHash: hashOpaqueToken(token) },
  });
  if (!order || order.status !== "PENDING") return false;
  if (order.stripeCheckoutSessionId) {
    try {
      await getStripe().checkout.sessions.expire(order.stripeCheckoutSessionId);
    } catch (error) {
      // Already completed or expired at Stripe: its webhook decides the order's fate.
      logEvent("warn", "checkout_expire_failed", { orderId, error: String(error) });
      return false;
    }
  }
  await db.$transaction(async (tx) => {
    const cancelled = await tx.order.updateMany({
      where: { id: order.id, status: "PENDING" },
      data: { status: "CANCELLED", cancelledAt: new Date() },
    });
    if (cancelled.count === 1) await releaseReservations(tx, order);
  });
  return true;
}

/** The shopper's own cart becomes an order, and they are sent to Stripe Checkout. */
export async function startShopperCheckout(tenant: TenantDto, user: CurrentUser | null): Promise<{ url: string }> {
  const owner = await resolveCartOwner(user, { create: false });
  const { url } = await startCheckout(tenant, user, owner, await getStoreOrigin(tenant));
  return { url };
}
