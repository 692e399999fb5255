"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, describeError } from "../../../_components/api-client";
import { ConfirmButton } from "../../../_components/confirm-button";
import { StatusMessage, type StatusMessageValue } from "../../../_components/status-message";

/** An owner's controls for one member: their place in the team, and taking them off it. */
export function TeamMemberControls({ id, email, storeRole }: { id: string; email: string; storeRole: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<StatusMessageValue>(null);
  const [removed, setRemoved] = useState(false);
  async function run(method: "PATCH" | "DELETE", body: unknown, success: string) {
    const result = await callApi(method, `/api/dashboard/team/members/${id}`, body);
    setMessage(result.ok ? { kind: "ok", text: success } : { kind: "error", text: describeError(result) });
    if (!result.ok) return;
    // A removed member's row stays, saying so, until the page is next loaded: refreshing now would
    // take the row, and the message in it, away before anyone could read it.
    if (method === "DELETE") setRemoved(true);
    else router.refresh();
  }
  const next = storeRole === "OWNER" ? "STAFF" : "OWNER";
  if (removed) return <StatusMessage message={message} />;
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        className="rounded-md border border-stone-300 px-2 py-1 text-xs"
        onClick={() => run("PATCH", { storeRole: next }, `${email} is now ${next === "OWNER" ? "an owner" : "staff"}.`)}
      >
        {next === "OWNER" ? "Make owner" : "Make staff"}
        <span className="sr-only"> {email}</span>
      </button>
      <ConfirmButton
        className="rounded-md border border-rose-300 px-2 py-1 text-xs text-rose-800"
        question={`Remove ${email} from the team? They lose access to the dashboard and are signed out everywhere.`}
        confirmLabel="Remove from team"
        onConfirm={() => run("DELETE", {}, `${email} was removed from the team and signed out.`)}
      >
        Remove<span className="sr-only"> {email}</span>
      </ConfirmButton>
      <StatusMessage message={message} />
    </div>
  );
}
