"use client";

import Link from "next/link";
import { useActionState } from "react";
import { IDLE_STATE } from "@/lib/security/action-state";
import { FormField } from "../../../_components/form-field";
import { SubmitButton } from "../../../_components/submit-button";
import { resetPasswordAction } from "../reset-password/actions";

export function ResetPasswordForm({ token, minLength }: { token: string; minLength: number }) {
  const [state, action, pending] = useActionState(resetPasswordAction, IDLE_STATE);
  if (state.status === "success") {
    return (
      <div role="status" className="space-y-4">
        <p className="rounded-md bg-emerald-50 p-4 text-emerald-900">{state.message}</p>
        <Link href="/sign-in" className="inline-block rounded-md bg-accent px-4 py-2 font-semibold text-accent-ink">
          Sign in
        </Link>
      </div>
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
      <input type="hidden" name="token" value={token} />
      <FormField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        minLength={minLength}
        hint={`At least ${minLength} characters. A few unrelated words make a strong, memorable password.`}
        errors={errors?.newPassword}
      />
      <FormField
        label="New password again"
        name="confirmPassword"
        type="password"
        autoComplete="new-password"
        required
        errors={errors?.confirmPassword}
      />
      <SubmitButton pending={pending} label="Set my new password" pendingLabel="Saving…" wide />
    </form>
  );
}
