"use client";

import Link from "next/link";
import { useActionState } from "react";
import { IDLE_STATE } from "@/lib/security/action-state";
import { SubmitButton } from "../../../_components/submit-button";
import { confirmEmailAction } from "../verify-email/actions";

export function ConfirmEmailForm({ token }: { token: string }) {
  const [state, action, pending] = useActionState(confirmEmailAction, IDLE_STATE);
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
  return (
    <form action={action} className="space-y-4">
      {state.status === "error" ? (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800">
          {state.message}
        </p>
      ) : null}
      <input type="hidden" name="token" value={token} />
      <SubmitButton pending={pending} label="Confirm my email" pendingLabel="Confirming…" />
    </form>
  );
}
