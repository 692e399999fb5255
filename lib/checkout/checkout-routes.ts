import "server-only";
import { z } from "zod";
import { resolveCartOwner } from "@/lib/cart/cart-owner";
import { guardedRoute } from "@/lib/security/guard";
import { getStoreOrigin } from "@/lib/tenancy";
import { CheckoutError, startCheckout } from "./start-checkout";

/** POST /api/checkout: the cart becomes an order and the shopper is sent to Stripe Checkout. */
export const startCheckoutRoute = guardedRoute(
  { name: "api.checkout.start", access: "public", schema: z.object({}).strict() },
  async (_input, { tenant, user }) => {
    try {
      const owner = await resolveCartOwner(user, { create: false });
      const { url } = await startCheckout(tenant, user, owner, await getStoreOrigin(tenant));
      return Response.json({ url }, { headers: { "Cache-Control": "no-store" } });
    } catch (error) {
      if (error instanceof CheckoutError) return Response.json({ error: error.message }, { status: error.status });
      throw error;
    }
  },
);
