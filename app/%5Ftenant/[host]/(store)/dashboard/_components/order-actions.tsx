"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, describeError } from "../../../_components/api-client";
import { ConfirmButton } from "../../../_components/confirm-button";
import { StatusMessage } from "../../../_components/status-message";

export function OrderActions({
  orderId,
  canFulfil,
  canRefund,
  totalLabel,
}: {
  orderId: string;
  /** The amount a refund gives back, formatted, for the confirmation question. */
  totalLabel: string;
  canFulfil: boolean;
  canRefund: boolean;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  async function act(path: "fulfil" | "refund", success: string) {
    const result = await callApi("POST", `/api/dashboard/orders/${orderId}/${path}`);
    setMessage(result.ok ? { kind: "ok", text: success } : { kind: "error", text: describeError(result) });
    router.refresh();
  }
  // The message stays after the actions go: a refund confirmed by Stripe at once ends them both.
  if (!canFulfil && !canRefund && !message) return null;
  return (
    <div className="space-y-2">
      <div className="flex gap-2">
        {canFulfil ? (
          <button
            type="button"
            onClick={() => act("fulfil", "Marked as shipped.")}
            className="rounded-md bg-accent px-4 py-2 font-semibold text-accent-ink"
          >
            Mark as shipped
          </button>
        ) : null}
        {canRefund ? (
          <ConfirmButton
            className="rounded-md border border-rose-300 px-4 py-2 text-rose-800"
            question={`Refund ${totalLabel} to the customer? The money goes back through Stripe; this cannot be undone.`}
            confirmLabel="Refund"
            onConfirm={() => act("refund", "Refund requested; the order updates when Stripe confirms it.")}
          >
            Refund
          </ConfirmButton>
        ) : null}
      </div>
      <StatusMessage message={message} />
    </div>
  );
}
