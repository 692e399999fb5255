// Browser side of the cart API.
import type { CartDto } from "@/lib/cart/cart-store";

export type CartResult = { ok: true; cart: CartDto } | { ok: false; error: string };

export async function sendCartRequest(
  method: "POST" | "PATCH" | "DELETE",
  body: Record<string, unknown>,
): Promise<CartResult> {
  try {
    const response = await fetch("/api/cart/items", {
      method,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body),
    });
    const data = (await response.json()) as { cart?: CartDto; error?: string };
    if (response.ok && data.cart) return { ok: true, cart: data.cart };
    return { ok: false, error: data.error ?? "Something went wrong. Please try again." };
  } catch {
    return { ok: false, error: "We couldn't reach the shop. Check your connection and try again." };
  }
}

export async function requestCheckout(
  discountCode = "",
): Promise<{ ok: true; url: string } | { ok: false; error: string }> {
  try {
    const response = await fetch("/api/checkout", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(discountCode.trim() ? { discountCode: discountCode.trim() } : {}),
    });
    const data = (await response.json()) as { url?: string; error?: string };
    if (response.ok && data.url) return { ok: true, url: data.url };
    return { ok: false, error: data.error ?? "Checkout is not available right now." };
  } catch {
    return { ok: false, error: "We couldn't reach the shop. Check your connection and try again." };
  }
}
