import "server-only";
import { z } from "zod";
import { guardedRoute } from "@/lib/security/guard";
import { MAX_QUANTITY_PER_LINE } from "./cart-math";
import { resolveCartOwner } from "./cart-owner";
import { CartError, changeCartLine, readCart, removeCartLine, type CartDto } from "./cart-store";

// The cart API. Schemas are strict: a request that carries a price (or anything else we did not
// ask for) is refused, because prices only ever come from the catalog.
const variantId = z.string().min(1).max(40);
const addSchema = z
  .object({ variantId, quantity: z.number().int().min(1).max(MAX_QUANTITY_PER_LINE).default(1) })
  .strict();
const setSchema = z.object({ variantId, quantity: z.number().int().min(0).max(MAX_QUANTITY_PER_LINE) }).strict();
const removeSchema = z.object({ variantId }).strict();

const reply = (cart: CartDto) => Response.json({ cart }, { headers: { "Cache-Control": "no-store" } });

async function answer(work: () => Promise<CartDto>): Promise<Response> {
  try {
    return reply(await work());
  } catch (error) {
    if (error instanceof CartError) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}

export const getCartRoute = guardedRoute(
  { name: "api.cart.read", access: "public", schema: z.object({}) },
  async (_input, { tenant, user }) => reply(await readCart(tenant, await resolveCartOwner(user, { create: false }))),
);

export const addToCartRoute = guardedRoute(
  { name: "api.cart.add", access: "public", schema: addSchema },
  async (input, { tenant, user }) =>
    answer(async () =>
      changeCartLine(tenant, (await resolveCartOwner(user, { create: true }))!, { ...input, mode: "add" }),
    ),
);

export const setCartLineRoute = guardedRoute(
  { name: "api.cart.set", access: "public", schema: setSchema },
  async (input, { tenant, user }) =>
    answer(async () =>
      changeCartLine(tenant, (await resolveCartOwner(user, { create: true }))!, { ...input, mode: "set" }),
    ),
);

export const removeCartLineRoute = guardedRoute(
  { name: "api.cart.remove", access: "public", schema: removeSchema },
  async (input, { tenant, user }) =>
    answer(async () => {
      const owner = await resolveCartOwner(user, { create: false });
      return owner ? removeCartLine(tenant, owner, input.variantId) : readCart(tenant, null);
    }),
);
