"use client";

import { useActionState } from "react";
import { IDLE_STATE } from "@/lib/security/action-state";
import { FormField } from "../../../../_components/form-field";
import { SubmitButton } from "../../../../_components/submit-button";
import { updateProfileAction } from "../actions";
import { ActionMessage } from "./action-message";

export function ProfileForm({ name }: { name: string }) {
  const [state, action, pending] = useActionState(updateProfileAction, IDLE_STATE);
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <div className="min-w-60 flex-1">
        <FormField
          label="Name"
          name="name"
          defaultValue={name}
          maxLength={80}
          errors={state.status === "error" ? state.fieldErrors?.name : undefined}
        />
      </div>
      <SubmitButton pending={pending} label="Save" pendingLabel="Saving…" />
      <ActionMessage state={state} />
    </form>
  );
}
