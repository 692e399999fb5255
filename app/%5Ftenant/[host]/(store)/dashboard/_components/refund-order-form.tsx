"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { formatMoney, parseMajorToMinor } from "@/lib/catalog/money";
import { lineShare, type ShareFacts } from "@/lib/orders/order-amounts";
import { callApi, describeError } from "../../../_components/api-client";
import { ConfirmButton } from "../../../_components/confirm-button";
import { FormField } from "../../../_components/form-field";
import { StatusMessage, type StatusMessageValue } from "../../../_components/status-message";

type Line = { id: string; productTitle: string; variantTitle: string; unitPriceMinor: number; quantity: number };

/**
 * A refund by amount or by lines, behind a confirmation naming the amount. The amount shown here
 * is only for the question: the server computes it again from the order's own lines and refuses
 * anything above what is left. The fields keep what was typed when a refund is refused.
 */
export function RefundOrderForm({
  orderId,
  currency,
  locale,
  lines,
  shareOf,
  refundableMinor,
  partial,
}: {
  orderId: string;
  currency: string;
  locale: string;
  lines: Line[];
  /** The order's figures a refund by lines is shared out by (discount and tax included). */
  shareOf: ShareFacts;
  refundableMinor: number;
  /** False for an order whose payment could not be fulfilled: it is refunded in full only. */
  partial: boolean;
}) {
  const router = useRouter();
  const [mode, setMode] = useState<"amount" | "lines" | "all">("all");
  const [amount, setAmount] = useState("");
  const [quantities, setQuantities] = useState<Record<string, string>>({});
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<StatusMessageValue>(null);
  const money = (minor: number) => formatMoney(minor, currency, locale);

  const chosen = lines
    .map((line) => ({ line, quantity: Number(quantities[line.id] ?? "0") }))
    .filter(({ quantity }) => Number.isInteger(quantity) && quantity > 0);
  const askedMinor =
    mode === "all"
      ? refundableMinor
      : mode === "amount"
        ? parseMajorToMinor(amount, currency)
        : lineShare(
            shareOf,
            chosen.reduce((sum, { line, quantity }) => sum + line.unitPriceMinor * quantity, 0),
          );

  async function refund() {
    const body =
      mode === "amount"
        ? { amount }
        : mode === "lines"
          ? { lines: chosen.map(({ line, quantity }) => ({ itemId: line.id, quantity })) }
          : {};
    const result = await callApi("POST", `/api/dashboard/orders/${orderId}/refund`, body);
    if (!result.ok) {
      setErrors(result.fieldErrors ?? {});
      setMessage({ kind: "error", text: describeError({ error: result.error }) });
      return;
    }
    setErrors({});
    setAmount("");
    setQuantities({});
    setMessage({ kind: "ok", text: "Refund requested; the order updates when Stripe confirms it." });
    router.refresh();
  }

  return (
    <div className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <h2 className="font-semibold">Refund</h2>
      <p className="text-sm text-stone-600">Up to {money(refundableMinor)} can still be refunded.</p>
      {partial ? (
        <fieldset className="flex gap-4 text-sm">
          <legend className="sr-only">Refund by</legend>
          {(["all", "amount", "lines"] as const).map((value) => (
            <label key={value} className="flex items-center gap-1">
              <input type="radio" name="refund-mode" checked={mode === value} onChange={() => setMode(value)} />
              {value === "amount" ? "An amount" : value === "lines" ? "Order lines" : "Everything left"}
            </label>
          ))}
        </fieldset>
      ) : null}
      {mode === "amount" ? (
        <FormField
          label={`Amount to refund (${currency})`}
          name="amount"
          inputMode="decimal"
          value={amount}
          onChange={(event) => setAmount(event.target.value)}
          errors={errors.amount}
          hint="For example 12.50"
        />
      ) : null}
      {mode === "lines" ? (
        <ul className="space-y-2">
          {lines.map((line) => (
            <li key={line.id}>
              <FormField
                label={`Quantity of ${line.productTitle} (${line.variantTitle}) to refund, of ${line.quantity}`}
                name={`line-${line.id}`}
                type="number"
                min={0}
                max={line.quantity}
                value={quantities[line.id] ?? ""}
                onChange={(event) => setQuantities((current) => ({ ...current, [line.id]: event.target.value }))}
                hint={`${money(line.unitPriceMinor)} each`}
              />
            </li>
          ))}
        </ul>
      ) : null}
      <ConfirmButton
        className="rounded-md border border-rose-300 px-4 py-2 text-rose-800"
        question={
          askedMinor !== null && askedMinor > 0
            ? `Refund ${money(askedMinor)} to the customer? The money goes back through Stripe; this cannot be undone.`
            : "Refund to the customer? The money goes back through Stripe; this cannot be undone."
        }
        confirmLabel="Refund"
        onConfirm={refund}
      >
        Refund
      </ConfirmButton>
      <StatusMessage message={message} />
    </div>
  );
}
