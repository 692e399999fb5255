"use client";

import { useId, useState } from "react";
import type { VariantDto } from "@/lib/catalog/types";
import { formatMoney } from "@/lib/catalog/money";
import { describeStock } from "@/lib/catalog/stock-label";
import { AddToCart } from "./add-to-cart";
import { useHydrated } from "../../_components/use-hydrated";

type Props = {
  variants: VariantDto[];
  currency: string;
  locale: string;
  initialSku?: string;
  /** Told of each choice (the product's images follow the chosen option). */
  onChoose?: (variant: VariantDto) => void;
};

export function pickInitialVariant(variants: VariantDto[], sku?: string): VariantDto | undefined {
  return variants.find((v) => v.sku === sku) ?? variants.find((v) => v.stock > 0) ?? variants[0];
}

export function VariantPicker({ variants, currency, locale, initialSku, onChoose }: Props) {
  const [selected, setSelected] = useState(() => pickInitialVariant(variants, initialSku));
  const legendId = useId();
  // A choice made before hydration would check the radio but change nothing else (price, SKU,
  // stock, the cart's variant): the options stay disabled until their handler is live.
  const hydrated = useHydrated();
  if (!selected) return <p className="mt-4 text-stone-600">This product is not available right now.</p>;

  function choose(variant: VariantDto) {
    setSelected(variant);
    onChoose?.(variant);
    // Keep the choice in the URL so it survives a reload and can be shared.
    const url = new URL(window.location.href);
    url.searchParams.set("variant", variant.sku);
    window.history.replaceState(null, "", url);
  }

  return (
    <div className="mt-4">
      <p className="text-2xl font-semibold" data-testid="price">
        {formatMoney(selected.priceMinor, currency, locale)}
      </p>
      {variants.length > 1 ? (
        <fieldset className="mt-6" aria-labelledby={legendId}>
          <legend id={legendId} className="mb-2 text-sm font-medium">
            Choose an option
          </legend>
          <div className="flex flex-wrap gap-2">
            {variants.map((variant) => (
              <label
                key={variant.id}
                className={`cursor-pointer rounded-md border px-4 py-2 text-sm has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-accent ${
                  variant.id === selected.id ? "border-accent bg-accent text-accent-ink" : "border-stone-300 bg-white"
                } ${variant.stock <= 0 ? "line-through opacity-60" : ""}`}
              >
                <input
                  type="radio"
                  name="variant"
                  value={variant.sku}
                  checked={variant.id === selected.id}
                  onChange={() => choose(variant)}
                  disabled={!hydrated}
                  className="sr-only"
                />
                {variant.title}
                {variant.stock <= 0 ? <span className="sr-only"> (out of stock)</span> : null}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      <p
        className={`mt-4 text-sm font-medium ${selected.stock > 0 ? "text-emerald-700" : "text-rose-700"}`}
        data-testid="stock-state"
        aria-live="polite"
      >
        {describeStock(selected.stock)}
      </p>
      <p className="mt-1 text-xs text-stone-500" data-testid="sku">
        SKU {selected.sku}
      </p>
      <AddToCart key={selected.id} variantId={selected.id} stock={selected.stock} />
    </div>
  );
}
