import { z } from "zod";
import { readShopperCart } from "@/lib/cart/shopper-cart";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";

/** GET /api/cart: the cart of whoever asks (signed-in shopper or guest cookie). */
export const GET = guardedRoute(
  { name: "api.cart.read", access: "public", schema: z.object({}).strict() },
  async (_input, { tenant, user }) => jsonNoStore({ cart: await readShopperCart(tenant, user) }),
);
