"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { MAX_QUANTITY_PER_LINE } from "@/lib/cart/cart-math";
import { useHydrated } from "../../_components/use-hydrated";
import { sendCartRequest } from "./cart-client";

export function AddToCart({ variantId, stock }: { variantId: string; stock: number }) {
  const router = useRouter();
  const [quantity, setQuantity] = useState(1);
  const [state, setState] = useState<{ kind: "idle" | "pending" | "added" } | { kind: "error"; message: string }>({
    kind: "idle",
  });
  const hydrated = useHydrated();
  const max = Math.max(1, Math.min(MAX_QUANTITY_PER_LINE, stock));
  if (stock <= 0)
    return <p className="mt-6 text-sm text-stone-600">This option is sold out. Choose another, or check back soon.</p>;

  async function add() {
    setState({ kind: "pending" });
    const result = await sendCartRequest("POST", { variantId, quantity });
    if (result.ok) {
      setState({ kind: "added" });
      router.refresh();
    } else setState({ kind: "error", message: result.error });
  }

  return (
    <div className="mt-6 space-y-3">
      <div className="flex items-end gap-3">
        <div>
          <label htmlFor="quantity" className="mb-1 block text-sm font-medium">
            Quantity
          </label>
          <select
            id="quantity"
            value={Math.min(quantity, max)}
            onChange={(event) => setQuantity(Number(event.target.value))}
            disabled={!hydrated}
            className="rounded-md border border-stone-300 px-3 py-2"
          >
            {Array.from({ length: max }, (_, i) => i + 1).map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </div>
        <button
          type="button"
          onClick={add}
          disabled={state.kind === "pending" || !hydrated}
          className="rounded-md bg-accent px-6 py-2 font-semibold text-accent-ink disabled:opacity-60"
        >
          {state.kind === "pending" ? "Adding…" : "Add to cart"}
        </button>
      </div>
      <p role="status" aria-live="polite" className="text-sm">
        {state.kind === "added" ? (
          <>
            Added to your cart.{" "}
            <Link href="/cart" className="font-medium text-accent-text underline">
              View cart
            </Link>
          </>
        ) : state.kind === "error" ? (
          <span className="text-rose-700">{state.message}</span>
        ) : null}
      </p>
    </div>
  );
}
