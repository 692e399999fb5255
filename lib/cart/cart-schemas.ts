import { z } from "zod";
import { MAX_QUANTITY_PER_LINE } from "./cart-math";

// The cart API's input. Strict: a request that carries a price (or anything else we did not ask
// for) is refused, because prices only ever come from the catalog.
const variantId = z.string().min(1).max(40);

export const addToCartSchema = z
  .object({ variantId, quantity: z.number().int().min(1).max(MAX_QUANTITY_PER_LINE).default(1) })
  .strict();
export const setCartLineSchema = z
  .object({ variantId, quantity: z.number().int().min(0).max(MAX_QUANTITY_PER_LINE) })
  .strict();
export const removeCartLineSchema = z.object({ variantId }).strict();
