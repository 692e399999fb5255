"use client";

import { useActionState, useEffect } from "react";
import { IDLE_STATE } from "@/lib/security/action-state";
import { FormField } from "../../../../_components/form-field";
import { SubmitButton } from "../../../../_components/submit-button";
import { useKeptInput } from "../../../../_components/use-kept-input";
import { changePasswordAction } from "../actions";
import { ActionMessage } from "./action-message";

export function PasswordForm({ minLength }: { minLength: number }) {
  const [state, action, pending] = useActionState(changePasswordAction, IDLE_STATE);
  // An error keeps what was typed (but the refused field); once the change is done, clear it all.
  const { form, onSubmit } = useKeptInput(state, action);
  useEffect(() => {
    if (state.status === "success") form.current?.reset();
  }, [state, form]);
  const errors = state.status === "error" ? state.fieldErrors : undefined;
  return (
    <form ref={form} action={action} onSubmit={onSubmit} className="space-y-4">
      <FormField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        errors={errors?.currentPassword}
      />
      <FormField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={minLength}
        hint={`At least ${minLength} characters.`}
        errors={errors?.newPassword}
      />
      <FormField
        label="Repeat new password"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={errors?.confirmPassword}
      />
      <SubmitButton pending={pending} label="Change password" pendingLabel="Changing…" />
      <ActionMessage state={state} />
    </form>
  );
}
