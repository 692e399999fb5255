import { z } from "zod";
import { startShopperCheckout } from "@/lib/checkout/start-checkout";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";

/** POST /api/checkout: the cart becomes an order and the shopper is sent to Stripe Checkout. */
export const POST = guardedRoute(
  { name: "api.checkout.start", access: "public", schema: z.object({}).strict() },
  async (_input, { tenant, user, meta }) => jsonNoStore(await startShopperCheckout(tenant, user, meta)),
);
