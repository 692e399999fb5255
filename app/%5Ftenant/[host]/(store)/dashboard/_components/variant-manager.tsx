"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatMoney, getMinorUnitDigits, parseMajorToMinor } from "@/lib/catalog/money";
import { callApi, describeError } from "../../../_components/api-client";
import { StatusMessage } from "../../../_components/status-message";

type Variant = {
  id: string;
  sku: string;
  title: string;
  size: string | null;
  color: string | null;
  priceMinor: number;
  stock: number;
};

const input = "w-full rounded-md border border-stone-300 px-2 py-1 text-sm";

function useAction() {
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  async function run(
    work: Promise<{ ok: true } | { ok: false; error: string; fieldErrors?: Record<string, string[]> }>,
    success: string,
  ) {
    const result = await work;
    if (!result.ok) return setMessage({ kind: "error", text: describeError(result) });
    setMessage({ kind: "ok", text: success });
    router.refresh();
  }
  return { message, run };
}

function VariantRow({ variant, currency }: { variant: Variant; currency: string }) {
  const { message, run } = useAction();
  const price = String(variant.priceMinor / 10 ** getMinorUnitDigits(currency));
  return (
    <li className="space-y-2 border-t border-stone-200 p-3" data-testid={`variant-${variant.sku}`}>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="font-medium">
          {variant.title} <span className="font-mono text-xs text-stone-500">{variant.sku}</span>
        </p>
        <p className="text-sm">
          {formatMoney(variant.priceMinor, currency)} · <span data-testid="variant-stock">{variant.stock}</span> in
          stock
        </p>
      </div>
      <form
        className="grid gap-2 sm:grid-cols-6"
        aria-label={`Edit ${variant.sku}`}
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const text = (name: string) => String(form.get(name) ?? "");
          void run(
            callApi("PATCH", `/api/dashboard/variants/${variant.id}`, {
              sku: text("sku").toUpperCase(),
              title: text("title"),
              size: text("size"),
              color: text("color"),
              priceMinor: parseMajorToMinor(text("price"), currency) ?? -1,
            }),
            "Option saved.",
          );
        }}
      >
        {(
          [
            ["sku", "SKU", variant.sku],
            ["title", "Name", variant.title],
            ["size", "Size", variant.size ?? ""],
            ["color", "Colour", variant.color ?? ""],
            ["price", `Price (${currency})`, price],
          ] as const
        ).map(([name, label, value]) => (
          <div key={name}>
            <label htmlFor={`${name}-${variant.id}`} className="text-xs font-medium">
              {label}
            </label>
            <input
              id={`${name}-${variant.id}`}
              name={name}
              defaultValue={value}
              className={input}
              {...(name === "price" ? { inputMode: "decimal" as const } : {})}
            />
          </div>
        ))}
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded-md border border-stone-300 px-3 py-1 text-sm">
            Save option
          </button>
          <button
            type="button"
            className="rounded-md border border-stone-300 px-3 py-1 text-sm text-rose-700"
            onClick={() => {
              if (window.confirm(`Delete the option ${variant.sku}?`))
                void run(callApi("DELETE", `/api/dashboard/variants/${variant.id}`), "Option deleted.");
            }}
          >
            Delete
          </button>
        </div>
      </form>
      <div>
        <form
          className="flex items-end gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            const delta = Number(form.get("delta"));
            void run(
              callApi("POST", `/api/dashboard/variants/${variant.id}/adjustments`, {
                delta,
                reason: String(form.get("reason") ?? ""),
              }),
              "Stock adjusted.",
            );
            event.currentTarget.reset();
          }}
        >
          <div className="w-24">
            <label htmlFor={`delta-${variant.id}`} className="text-xs font-medium">
              Adjust by
            </label>
            <input id={`delta-${variant.id}`} name="delta" type="number" step={1} required className={input} />
          </div>
          <div className="flex-1">
            <label htmlFor={`reason-${variant.id}`} className="text-xs font-medium">
              Reason
            </label>
            <input
              id={`reason-${variant.id}`}
              name="reason"
              required
              maxLength={200}
              placeholder="Delivery, count, damage…"
              className={input}
            />
          </div>
          <button type="submit" className="rounded-md border border-stone-300 px-3 py-1 text-sm">
            Adjust stock
          </button>
        </form>
      </div>
      <StatusMessage message={message} />
    </li>
  );
}

export function VariantManager({
  productId,
  variants,
  currency,
}: {
  productId: string;
  variants: Variant[];
  currency: string;
}) {
  const { message, run } = useAction();
  return (
    <section aria-labelledby="variants-heading" className="rounded-lg border border-stone-200 bg-white">
      <h2 id="variants-heading" className="p-3 text-lg font-semibold">
        Options and stock
      </h2>
      <ul>
        {variants.map((variant) => (
          <VariantRow key={variant.id} variant={variant} currency={currency} />
        ))}
      </ul>
      <form
        className="grid gap-2 border-t border-stone-200 p-3 sm:grid-cols-6"
        onSubmit={(event) => {
          event.preventDefault();
          const form = new FormData(event.currentTarget);
          const priceMinor = parseMajorToMinor(String(form.get("price") ?? ""), currency);
          void run(
            callApi("POST", `/api/dashboard/products/${productId}/variants`, {
              sku: String(form.get("sku") ?? "").toUpperCase(),
              title: String(form.get("title") ?? ""),
              size: String(form.get("size") ?? ""),
              color: String(form.get("color") ?? ""),
              priceMinor: priceMinor ?? -1,
              stock: Number(form.get("stock") ?? 0),
            }),
            "Option added.",
          );
        }}
      >
        <p className="font-medium sm:col-span-6">Add an option</p>
        {[
          ["sku", "SKU"],
          ["title", "Name"],
          ["size", "Size"],
          ["color", "Colour"],
          ["price", `Price (${currency})`],
          ["stock", "Stock"],
        ].map(([name, label]) => (
          <div key={name}>
            <label htmlFor={`new-${name}`} className="text-xs font-medium">
              {label}
            </label>
            <input
              id={`new-${name}`}
              name={name}
              required={["sku", "title", "price", "stock"].includes(name!)}
              className={input}
              {...(name === "stock" ? { type: "number", min: 0, defaultValue: 0 } : {})}
            />
          </div>
        ))}
        <div className="sm:col-span-6">
          <button type="submit" className="rounded-md bg-accent px-4 py-2 text-sm font-semibold text-accent-ink">
            Add option
          </button>
        </div>
        <div className="sm:col-span-6">
          <StatusMessage message={message} />
        </div>
      </form>
    </section>
  );
}
