"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { startTransition, useOptimistic, useState } from "react";
import type { CartDto } from "@/lib/cart/cart-store";
import { MAX_QUANTITY_PER_LINE } from "@/lib/cart/cart-math";
import { formatMoney } from "@/lib/catalog/money";
import { useHydrated } from "../../../../_components/use-hydrated";
import { requestCheckout, sendCartRequest } from "../../../_components/cart-client";
import { StoreImage } from "../../../../_components/store-image";

type Change = { variantId: string; quantity: number };

/** Applies a pending change so the page answers at once; the server's cart replaces it after. */
function applyChange(cart: CartDto, change: Change): CartDto {
  const lines = cart.lines
    .map((line) =>
      line.variantId === change.variantId
        ? { ...line, quantity: change.quantity, lineTotalMinor: line.unitPriceMinor * change.quantity }
        : line,
    )
    .filter((line) => line.quantity > 0);
  const buyable = lines.filter((line) => !line.problem);
  return {
    ...cart,
    lines,
    subtotalMinor: buyable.reduce((sum, line) => sum + line.lineTotalMinor, 0),
    itemCount: buyable.reduce((sum, line) => sum + line.quantity, 0),
  };
}

export function CartView({ initialCart, locale, notice }: { initialCart: CartDto; locale: string; notice?: string }) {
  const router = useRouter();
  const [cart, setCart] = useState(initialCart);
  const [optimisticCart, addOptimistic] = useOptimistic(cart, applyChange);
  const [error, setError] = useState<string | null>(null);
  const [checkingOut, setCheckingOut] = useState(false);
  const [discountCode, setDiscountCode] = useState("");
  const hydrated = useHydrated();
  const money = (minor: number) => formatMoney(minor, cart.currency, locale);

  function change(variantId: string, quantity: number) {
    setError(null);
    startTransition(async () => {
      addOptimistic({ variantId, quantity });
      const result =
        quantity === 0
          ? await sendCartRequest("DELETE", { variantId })
          : await sendCartRequest("PATCH", { variantId, quantity });
      if (result.ok) setCart(result.cart);
      else setError(result.error);
      router.refresh();
    });
  }

  async function checkout() {
    setCheckingOut(true);
    setError(null);
    const result = await requestCheckout(discountCode);
    if (result.ok) {
      window.location.assign(result.url);
      return;
    }
    setCheckingOut(false);
    setError(result.error);
    router.refresh();
  }

  if (optimisticCart.lines.length === 0) {
    return (
      <div className="space-y-4">
        {notice ? (
          <p role="status" className="rounded-md bg-amber-50 p-3 text-amber-900">
            {notice}
          </p>
        ) : null}
        <p className="text-stone-600">Your cart is empty.</p>
        <Link href="/products" className="inline-block rounded-md bg-accent px-5 py-3 font-semibold text-accent-ink">
          Browse products
        </Link>
      </div>
    );
  }

  return (
    <div className="grid gap-8 lg:grid-cols-[1fr_20rem]">
      <section aria-label="Items in your cart">
        {notice ? (
          <p role="status" className="mb-4 rounded-md bg-amber-50 p-3 text-amber-900">
            {notice}
          </p>
        ) : null}
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" data-testid="cart-lines">
          {optimisticCart.lines.map((line) => (
            <li key={line.variantId} className="flex flex-wrap items-center gap-4 p-4">
              {line.image ? (
                <StoreImage
                  src={line.image.path}
                  alt=""
                  width={72}
                  height={72}
                  className="rounded-md border border-stone-200"
                />
              ) : null}
              <div className="min-w-48 flex-1">
                <Link href={`/products/${line.productSlug}`} className="font-medium hover:underline">
                  {line.productTitle}
                </Link>
                <p className="text-sm text-stone-600">
                  {line.variantTitle} · {money(line.unitPriceMinor)}
                </p>
                {line.problem ? (
                  <p className="text-sm font-medium text-rose-700">
                    {line.problem === "unavailable"
                      ? "No longer available."
                      : `Only ${line.stock} left: lower the quantity to continue.`}
                  </p>
                ) : null}
              </div>
              <label className="sr-only" htmlFor={`qty-${line.variantId}`}>
                Quantity of {line.productTitle} {line.variantTitle}
              </label>
              <select
                id={`qty-${line.variantId}`}
                value={line.quantity}
                onChange={(event) => change(line.variantId, Number(event.target.value))}
                disabled={!hydrated}
                className="rounded-md border border-stone-300 px-2 py-1"
              >
                {Array.from(
                  { length: Math.max(line.quantity, Math.min(MAX_QUANTITY_PER_LINE, line.stock)) + 1 },
                  (_, n) => n,
                ).map((n) => (
                  <option key={n} value={n}>
                    {n === 0 ? "0 (remove)" : n}
                  </option>
                ))}
              </select>
              <p className="w-24 text-right font-semibold">{money(line.lineTotalMinor)}</p>
              <button
                type="button"
                onClick={() => change(line.variantId, 0)}
                disabled={!hydrated}
                className="text-sm text-stone-600 underline hover:text-rose-700"
              >
                Remove
                <span className="sr-only">
                  {" "}
                  {line.productTitle} {line.variantTitle}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
      <aside className="h-fit space-y-4 rounded-lg border border-stone-200 bg-white p-6" aria-label="Order summary">
        <div className="flex justify-between">
          <span>
            Subtotal ({optimisticCart.itemCount} {optimisticCart.itemCount === 1 ? "item" : "items"})
          </span>
          <span className="font-semibold" data-testid="cart-subtotal">
            {money(optimisticCart.subtotalMinor)}
          </span>
        </div>
        <p className="text-sm text-stone-600">
          Shipping and any tax are added at checkout, once you choose where it goes.
        </p>
        <div>
          <label htmlFor="discount-code" className="mb-1 block text-sm font-medium">
            Discount code (optional)
          </label>
          <input
            id="discount-code"
            name="discountCode"
            value={discountCode}
            onChange={(event) => setDiscountCode(event.target.value)}
            maxLength={30}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            disabled={!hydrated}
            className="w-full rounded-md border border-stone-300 px-3 py-2 uppercase"
          />
        </div>
        {error ? (
          <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800">
            {error}
          </p>
        ) : null}
        <button
          type="button"
          onClick={checkout}
          disabled={!hydrated || checkingOut || optimisticCart.lines.some((line) => line.problem)}
          className="w-full rounded-md bg-accent px-4 py-3 font-semibold text-accent-ink disabled:opacity-60"
        >
          {checkingOut ? "Opening secure checkout…" : "Check out"}
        </button>
      </aside>
    </div>
  );
}
