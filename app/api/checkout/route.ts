import { z } from "zod";
import { startShopperCheckout } from "@/lib/checkout/start-checkout";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";

const schema = z
  .object({
    // Checked against the store's own codes by the checkout; an empty box means none.
    discountCode: z
      .string()
      .trim()
      .max(30, "A discount code has at most 30 characters.")
      .optional()
      .transform((value) => value || undefined),
  })
  .strict();

/** POST /api/checkout: the cart becomes an order and the shopper is sent to Stripe Checkout. */
export const POST = guardedRoute(
  { name: "api.checkout.start", access: "public", schema },
  async (input, { tenant, user, meta }) =>
    jsonNoStore(await startShopperCheckout(tenant, user, meta, input.discountCode)),
);
