"use client";

import { useActionState } from "react";
import { IDLE_STATE, type ActionState } from "@/lib/security/action-state";
import { FormField } from "../../../_components/form-field";
import { HoneypotField } from "../../../_components/honeypot-field";
import { SubmitButton } from "../../../_components/submit-button";
import { requestPasswordResetAction } from "../forgot-password/actions";
import { resendConfirmationAction } from "../verify-email/actions";

type EmailAction = (previous: ActionState, formData: FormData) => Promise<ActionState>;

/** "Mail me a link": one email field; the answer replaces the form (it is the same for every address). */
function EmailLinkForm({ action: submit, label }: { action: EmailAction; label: string }) {
  const [state, action, pending] = useActionState(submit, IDLE_STATE);
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
      <SubmitButton pending={pending} label={label} pendingLabel="Sending…" wide />
    </form>
  );
}

export function ForgotPasswordForm() {
  return <EmailLinkForm action={requestPasswordResetAction} label="Send me a link" />;
}

export function ResendConfirmationForm() {
  return <EmailLinkForm action={resendConfirmationAction} label="Send me a new link" />;
}
