import { startCheckoutRoute } from "@/lib/checkout/checkout-routes";

export { startCheckoutRoute as POST };
