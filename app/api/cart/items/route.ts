import { addToCartSchema, removeCartLineSchema, setCartLineSchema } from "@/lib/cart/cart-schemas";
import { addToShopperCart, removeFromShopperCart, setShopperCartLine } from "@/lib/cart/shopper-cart";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";

/** POST /api/cart/items: add to a line (or create it). */
export const POST = guardedRoute(
  { name: "api.cart.add", access: "public", schema: addToCartSchema },
  async (input, { tenant, user }) => jsonNoStore({ cart: await addToShopperCart(tenant, user, input) }),
);

/** PATCH /api/cart/items: set a line's quantity (0 removes it). */
export const PATCH = guardedRoute(
  { name: "api.cart.set", access: "public", schema: setCartLineSchema },
  async (input, { tenant, user }) => jsonNoStore({ cart: await setShopperCartLine(tenant, user, input) }),
);

/** DELETE /api/cart/items: remove a line. */
export const DELETE = guardedRoute(
  { name: "api.cart.remove", access: "public", schema: removeCartLineSchema },
  async (input, { tenant, user }) => jsonNoStore({ cart: await removeFromShopperCart(tenant, user, input) }),
);
