"use client";

import { useActionState } from "react";
import { IDLE_STATE } from "@/lib/security/action-state";
import { FormField } from "../../../_components/form-field";
import { HoneypotField } from "../../../_components/honeypot-field";
import { SubmitButton } from "../../../_components/submit-button";
import { useKeptInput } from "../../../_components/use-kept-input";
import { registerAction } from "../register/actions";

export function RegisterForm({ minLength }: { minLength: number }) {
  const [state, action, pending] = useActionState(registerAction, IDLE_STATE);
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
      <FormField label="Name" name="name" autoComplete="name" maxLength={80} errors={errors?.name} />
      <FormField
        label="Email"
        name="email"
        type="email"
        autoComplete="email"
        required
        maxLength={254}
        errors={errors?.email}
      />
      <FormField
        label="Password"
        name="password"
        type="password"
        autoComplete="new-password"
        required
        minLength={minLength}
        hint={`At least ${minLength} characters. A few unrelated words make a strong, memorable password.`}
        errors={errors?.password}
      />
      <HoneypotField />
      <SubmitButton pending={pending} label="Create account" pendingLabel="Creating your account…" wide />
    </form>
  );
}
