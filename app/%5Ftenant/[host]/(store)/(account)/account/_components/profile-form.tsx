"use client";

import { useActionState } from "react";
import { IDLE_STATE } from "@/lib/security/action-state";
import { FormField } from "../../../../_components/form-field";
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
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-accent px-4 py-2 font-semibold text-accent-ink disabled:opacity-60"
      >
        Save
      </button>
      <ActionMessage state={state} />
    </form>
  );
}
