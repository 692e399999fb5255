"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { CARRIERS, CARRIER_CODES, type CarrierCode } from "@/lib/orders/shipping";
import { callApi, describeError } from "../../../_components/api-client";
import { FormField } from "../../../_components/form-field";
import { StatusMessage, type StatusMessageValue } from "../../../_components/status-message";

/** Carrier and tracking number, both required; the fields keep what was typed when refused. */
export function ShipOrderForm({ orderId }: { orderId: string }) {
  const router = useRouter();
  const [carrier, setCarrier] = useState<CarrierCode | "">("");
  const [carrierName, setCarrierName] = useState("");
  const [trackingNumber, setTrackingNumber] = useState("");
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [message, setMessage] = useState<StatusMessageValue>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    const result = await callApi("POST", `/api/dashboard/orders/${orderId}/fulfil`, {
      carrier,
      trackingNumber,
      ...(carrier === "OTHER" ? { carrierName } : {}),
    });
    setBusy(false);
    if (!result.ok) {
      setErrors(result.fieldErrors ?? {});
      setMessage({ kind: "error", text: describeError({ error: result.error }) });
      return;
    }
    setErrors({});
    setMessage({ kind: "ok", text: "Marked as shipped; the customer gets the tracking number by email." });
    router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-3 rounded-lg border border-stone-200 bg-white p-4">
      <h2 className="font-semibold">Ship the order</h2>
      <div>
        <label htmlFor="carrier" className="mb-1 block text-sm font-medium">
          Carrier
        </label>
        <select
          id="carrier"
          name="carrier"
          value={carrier}
          onChange={(event) => setCarrier(event.target.value as CarrierCode)}
          aria-invalid={errors.carrier?.length ? true : undefined}
          className="w-full rounded-md border border-stone-300 px-3 py-2"
          required
        >
          <option value="">Choose…</option>
          {CARRIER_CODES.map((code) => (
            <option key={code} value={code}>
              {CARRIERS[code].label}
            </option>
          ))}
        </select>
        {errors.carrier?.length ? <p className="mt-1 text-sm text-rose-700">{errors.carrier.join(" ")}</p> : null}
      </div>
      {carrier === "OTHER" ? (
        <FormField
          label="Carrier name"
          name="carrierName"
          value={carrierName}
          onChange={(event) => setCarrierName(event.target.value)}
          maxLength={60}
          errors={errors.carrierName}
          required
        />
      ) : null}
      <FormField
        label="Tracking number"
        name="trackingNumber"
        value={trackingNumber}
        onChange={(event) => setTrackingNumber(event.target.value)}
        maxLength={80}
        autoComplete="off"
        hint="Letters and digits as on the label; spaces and dashes are ignored."
        errors={errors.trackingNumber}
        required
      />
      <button
        type="submit"
        disabled={busy}
        className="rounded-md bg-accent px-4 py-2 font-semibold text-accent-ink disabled:opacity-60"
      >
        Mark as shipped
      </button>
      <StatusMessage message={message} />
    </form>
  );
}
