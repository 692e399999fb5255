"use client";

import Link from "next/link";
import { useActionState } from "react";
import { IDLE_STATE } from "@/lib/security/action-state";
import { FormField } from "../../../_components/form-field";
import { SubmitButton } from "../../../_components/submit-button";
import { acceptInvitationAction } from "../invite/actions";

type Props = { token: string; email: string; account: "new" | "existing"; minLength: number };

/** Accepting an invitation: a name and a new password, or an existing account's current password. */
export function AcceptInvitationForm({ token, email, account, minLength }: Props) {
  const [state, action, pending] = useActionState(acceptInvitationAction, IDLE_STATE);
  if (state.status === "success") {
    return (
      <div role="status" className="space-y-4">
        <p className="rounded-md bg-emerald-50 p-4 text-emerald-900">{state.message}</p>
        <Link
          href="/sign-in?callbackUrl=/dashboard"
          className="inline-block rounded-md bg-accent px-4 py-2 font-semibold text-accent-ink"
        >
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
      {account === "existing" ? (
        <FormField
          label="Current password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          hint={`${email} already has an account at this store: enter its password to join the team with it.`}
          errors={errors?.currentPassword}
        />
      ) : (
        <>
          <FormField label="Name" name="name" autoComplete="name" required maxLength={80} errors={errors?.name} />
          <FormField
            label="Password"
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            minLength={minLength}
            hint={`At least ${minLength} characters. A few unrelated words make a strong, memorable password.`}
            errors={errors?.newPassword}
          />
          <FormField
            label="Password again"
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            required
            errors={errors?.confirmPassword}
          />
        </>
      )}
      <SubmitButton pending={pending} label="Join the team" pendingLabel="Joining…" wide />
    </form>
  );
}
