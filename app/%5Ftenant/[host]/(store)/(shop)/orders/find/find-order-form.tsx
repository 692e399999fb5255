"use client";

import { useActionState } from "react";
import { IDLE_STATE } from "@/lib/security/action-state";
import { FormField } from "../../../../_components/form-field";
import { HoneypotField } from "../../../../_components/honeypot-field";
import { SubmitButton } from "../../../../_components/submit-button";
import { useKeptInput } from "../../../../_components/use-kept-input";
import { findGuestOrderAction } from "./actions";

/** Email and order number; the answer replaces the form and is the same whether they matched or not. */
export function FindOrderForm() {
  const [state, action, pending] = useActionState(findGuestOrderAction, IDLE_STATE);
  const { form, onSubmit } = useKeptInput(state, action);
  if (state.status === "success") {
    return (
      <p role="status" className="rounded-md bg-emerald-50 p-4 text-emerald-900">
        {state.message}
      </p>
    );
  }
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <form ref={form} action={action} onSubmit={onSubmit} className="space-y-4">
      {state.status === "error" ? (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800">
          {state.message}
        </p>
      ) : null}
      <FormField
        label="Email used for the order"
        name="email"
        type="email"
        autoComplete="email"
        required
        maxLength={254}
        errors={errors?.email}
      />
      <FormField
        label="Order number"
        name="reference"
        required
        maxLength={9}
        autoComplete="off"
        hint="The 8 characters in your confirmation email, e.g. 4F7K2Q9X."
        errors={errors?.reference}
      />
      <HoneypotField />
      <SubmitButton pending={pending} label="Email me the link" pendingLabel="Sending…" wide />
    </form>
  );
}
