import { cancelCheckout } from "@/lib/checkout/start-checkout";
import { findStoreForRequest } from "@/lib/tenancy";

type Context = { params: Promise<{ host: string }> };

// Stripe's cancel_url: the shopper left the payment page. The order's look-up token proves it is
// theirs; the checkout is ended at once so its stock is back on sale, and they return to the cart.
export async function GET(request: Request, { params }: Context) {
  const tenant = await findStoreForRequest(request, (await params).host);
  if (!tenant) return new Response("Not found", { status: 404 });
  const url = new URL(request.url);
  const orderId = url.searchParams.get("order") ?? "";
  const token = url.searchParams.get("t") ?? "";
  if (orderId.length <= 40 && token.length <= 100 && orderId && token) await cancelCheckout(tenant, orderId, token);
  return new Response(null, { status: 303, headers: { Location: "/cart?checkout=cancelled" } });
}
