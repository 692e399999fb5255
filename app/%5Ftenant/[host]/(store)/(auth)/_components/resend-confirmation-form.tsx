"use client";

import { useActionState } from "react";
import { IDLE_STATE } from "@/lib/security/action-state";
import { FormField } from "../../../_components/form-field";
import { HoneypotField } from "../../../_components/honeypot-field";
import { SubmitButton } from "../../../_components/submit-button";
import { resendConfirmationAction } from "../verify-email/actions";

export function ResendConfirmationForm() {
  const [state, action, pending] = useActionState(resendConfirmationAction, IDLE_STATE);
  if (state.status === "success") {
    return (
      <p role="status" className="rounded-md bg-emerald-50 p-4 text-emerald-900">
        {state.message}
      </p>
    );
  }
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <form action={action} className="space-y-4">
      {state.status === "error" ? (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800">
          {state.message}
        </p>
      ) : null}
      <FormField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        maxLength={254}
        errors={errors?.email}
      />
      <HoneypotField />
      <SubmitButton pending={pending} label="Send me a new link" pendingLabel="Sending…" wide />
    </form>
  );
}
