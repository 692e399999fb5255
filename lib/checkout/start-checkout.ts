import "server-only";
import { DomainError } from "@/lib/security/domain-error";
import { getPlatformDb } from "@/lib/db";
import { resolveCartOwner } from "@/lib/cart/cart-owner";
import { findCartId, readCart, type CartOwner } from "@/lib/cart/cart-store";
import type { CurrentUser } from "@/lib/identity/current-user";
import { createOpaqueToken, hashOpaqueToken } from "@/lib/identity/opaque-token";
import { getStripe, type Stripe } from "@/lib/payments/stripe-client";
import { rateLimitSubject } from "@/lib/security/client-ip";
import type { RequestMeta } from "@/lib/security/request-context";
import { logEvent } from "@/lib/telemetry/logger";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";
import type { TenantDto } from "@/lib/tenancy";
import { getCanonicalOrigin } from "@/lib/tenancy/store-origin";
import { readCheckoutTerms, toSessionParams, type CheckoutTerms } from "./checkout-terms";
import { DiscountCodeRefused } from "./discount-codes";
import { checkHoldCap, HOLD_LIFETIME_MS, HoldCapReached } from "./hold-cap";
import { forgetStripeObjects, isMissingStripeObject } from "./stripe-objects";
import { OutOfStockError, releaseExpiredReservations, releaseReservations, reserveStock } from "./reservations";

/** Stripe keeps a Checkout Session open for 31 minutes here; stock is held a little longer (hold-cap.ts). */
export const SESSION_LIFETIME_MS = 31 * 60 * 1000;

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
  client?: RequestMeta,
  discountCode?: string,
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

  // Before anything is written: a store that ships nowhere, or a code that is not this store's,
  // is refused with nothing held.
  let terms: CheckoutTerms;
  try {
    terms = await readCheckoutTerms(tenant.id, tenant.currency, discountCode);
  } catch (error) {
    // Codes tried one after another show in the security log, with why each was refused.
    if (error instanceof DiscountCodeRefused && client) {
      await recordSecurityEvent({
        type: "checkout.discount_refused",
        severity: "WARNING",
        tenantId: tenant.id,
        actor: user?.email ?? "",
        ip: client.ip,
        route: client.route,
        details: { reason: error.reason },
      });
    }
    throw error;
  }

  const db = await getPlatformDb();
  const lookupToken = createOpaqueToken();
  const now = Date.now();
  const sourceCartId = owner ? await findCartId(tenant.id, owner) : null;

  let order: { id: string; tenantId: string };
  try {
    order = await db.$transaction(
      async (tx) => {
        // Inside the transaction (one writer at a time): parallel checkouts cannot all pass.
        if (client) await checkHoldCap(tx, tenant.id, { ip: client.ip, userId: user?.id ?? null }, cart.lines, now);
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
            clientKey: client ? rateLimitSubject(client.ip) : "",
            discountCodeId: terms.discount?.id ?? null,
            discountCode: terms.discount?.code ?? null,
            automaticTax: terms.automaticTax,
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
    if (error instanceof HoldCapReached && client) {
      await recordSecurityEvent({
        type: "checkout.hold_refused",
        severity: "WARNING",
        tenantId: tenant.id,
        actor: user?.email ?? "",
        ip: client.ip,
        route: client.route,
        details: { openCheckouts: error.openCheckouts, heldBy: error.heldBy },
      });
      throw new DomainError(
        429,
        error.heldBy === "network"
          ? "Many checkouts from your network are waiting for payment right now. Please try again in a few minutes."
          : "You already have checkouts waiting for payment. Finish or cancel one (or wait about half an hour) before starting another.",
      );
    }
    throw error;
  }

  try {
    const params = (current: CheckoutTerms, retry: number) =>
      toSessionParams(current, retry).then((terms): Stripe.Checkout.SessionCreateParams => ({
        mode: "payment",
        client_reference_id: order.id,
        metadata: { orderId: order.id, tenantId: tenant.id, origin, lookupToken },
        ...(user ? { customer_email: user.email } : {}),
        line_items: cart.lines.map((line) => ({
          quantity: line.quantity,
          price_data: {
            currency: tenant.currency.toLowerCase(),
            unit_amount: line.unitPriceMinor,
            // Prices are before tax: Stripe Tax, when on, adds it.
            tax_behavior: "exclusive",
            product_data: { name: `${line.productTitle} — ${line.variantTitle}` },
          },
        })),
        ...terms,
        success_url: `${origin}/orders/${order.id}?t=${lookupToken}&session_id={CHECKOUT_SESSION_ID}`,
        cancel_url: `${origin}/checkout/cancel?order=${order.id}&t=${lookupToken}`,
        expires_at: Math.floor((now + SESSION_LIFETIME_MS) / 1000),
      }));
    let session: Stripe.Checkout.Session;
    try {
      session = await getStripe().checkout.sessions.create(await params(terms, 0), {
        idempotencyKey: `checkout-${order.id}`,
      });
    } catch (error) {
      // A kept shipping rate or coupon id Stripe does not know (another account, a restarted
      // emulator): forget them, create them again, and try once more under a new key.
      if (!isMissingStripeObject(error)) throw error;
      await forgetStripeObjects(tenant.id);
      terms = await readCheckoutTerms(tenant.id, tenant.currency, discountCode);
      session = await getStripe().checkout.sessions.create(await params(terms, Date.now()), {
        idempotencyKey: `checkout-${order.id}-again`,
      });
    }
    await db.order.update({ where: { id: order.id }, data: { stripeCheckoutSessionId: session.id } });
    if (!session.url) throw new Error("Stripe returned no checkout URL");
    // Card testing shows as checkouts started at a pace no shopper keeps (the "card-testing"
    // rule). Not awaited: the shopper is not kept waiting for the security log.
    if (client) {
      void recordSecurityEvent({
        type: "checkout.started",
        severity: "INFO",
        tenantId: tenant.id,
        actor: user?.email ?? "",
        ip: client.ip,
        route: client.route,
        details: { orderId: order.id },
      });
    }
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
export async function startShopperCheckout(
  tenant: TenantDto,
  user: CurrentUser | null,
  client: RequestMeta,
  discountCode?: string,
): Promise<{ url: string }> {
  const owner = await resolveCartOwner(user, { create: false });
  const { url } = await startCheckout(tenant, user, owner, await getCanonicalOrigin(tenant), client, discountCode);
  return { url };
}
