import { z } from "zod";
import { cancelCheckout } from "@/lib/checkout/start-checkout";
import { guardedRoute } from "@/lib/guard/guard";

const schema = z.object({ order: z.string().max(40).catch(""), t: z.string().max(100).catch("") });

// Stripe's cancel_url: the shopper left the payment page. The order's look-up token proves it is
// theirs; the checkout is ended at once so its stock is back on sale, and they return to the cart.
export const GET = guardedRoute({ name: "checkout.cancel", access: "public", schema }, async (input, { tenant }) => {
  if (input.order && input.t) await cancelCheckout(tenant, input.order, input.t);
  return new Response(null, { status: 303, headers: { Location: "/cart?checkout=cancelled" } });
});
