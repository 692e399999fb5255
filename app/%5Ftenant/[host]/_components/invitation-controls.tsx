"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { callApi, describeError } from "./api-client";
import { StatusMessage, type StatusMessageValue } from "./status-message";

const input = "rounded-md border border-stone-300 px-2 py-1 text-sm";

/**
 * Invites an address to a store's team (POST `endpoint`). With `roles`, the inviter picks the
 * place in the team; without, the endpoint decides (the console invites owners).
 */
export function InviteForm({ endpoint, roles }: { endpoint: string; roles?: boolean }) {
  const router = useRouter();
  const id = useId();
  const [message, setMessage] = useState<StatusMessageValue>(null);
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const data = new FormData(form);
        const email = String(data.get("email") ?? "");
        const result = await callApi("POST", endpoint, {
          email,
          ...(roles ? { storeRole: String(data.get("storeRole") ?? "") } : {}),
        });
        setMessage(
          result.ok
            ? { kind: "ok", text: `Invitation sent to ${email}.` }
            : { kind: "error", text: describeError(result) },
        );
        if (result.ok) {
          form.reset();
          router.refresh();
        }
      }}
    >
      <div>
        <label htmlFor={`${id}-email`} className="block text-xs font-medium">
          Email to invite
        </label>
        <input id={`${id}-email`} name="email" type="email" required maxLength={254} className={input} />
      </div>
      {roles ? (
        <div>
          <label htmlFor={`${id}-role`} className="block text-xs font-medium">
            Role
          </label>
          <select id={`${id}-role`} name="storeRole" defaultValue="STAFF" className={input}>
            <option value="STAFF">Staff</option>
            <option value="OWNER">Owner</option>
          </select>
        </div>
      ) : null}
      <button type="submit" className="rounded-md bg-stone-900 px-3 py-1 text-sm font-semibold text-white">
        Send invitation
      </button>
      <StatusMessage message={message} />
    </form>
  );
}

/** Withdraws a pending invitation (DELETE `url`): its link stops working. */
export function RevokeInvitationButton({ url, email }: { url: string; email: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<StatusMessageValue>(null);
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className="rounded-md border border-stone-300 px-2 py-1 text-xs"
        onClick={async () => {
          const result = await callApi("DELETE", url, {});
          setMessage(
            result.ok
              ? { kind: "ok", text: `Invitation to ${email} withdrawn.` }
              : { kind: "error", text: describeError(result) },
          );
          if (result.ok) router.refresh();
        }}
      >
        Revoke<span className="sr-only"> the invitation to {email}</span>
      </button>
      <StatusMessage message={message} />
    </div>
  );
}
