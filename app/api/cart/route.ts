import { getCartRoute } from "@/lib/cart/cart-routes";

export { getCartRoute as GET };
