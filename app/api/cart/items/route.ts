import { addToCartRoute, removeCartLineRoute, setCartLineRoute } from "@/lib/cart/cart-routes";

export { addToCartRoute as POST, setCartLineRoute as PATCH, removeCartLineRoute as DELETE };
