"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, describeError } from "../../../_components/api-client";
import { StatusMessage } from "../../../_components/status-message";

export function RetryMailButton({ id, subject }: { id: string; subject: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  return (
    <div className="space-y-1">
      <button
        type="button"
        className="rounded-md border border-stone-300 px-2 py-1 text-xs"
        onClick={async () => {
          const result = await callApi("POST", `/api/admin/mail/${id}/retry`, {});
          setMessage(
            result.ok ? { kind: "ok", text: "Queued again." } : { kind: "error", text: describeError(result) },
          );
          if (result.ok) router.refresh();
        }}
      >
        Retry<span className="sr-only"> {subject}</span>
      </button>
      {message ? <StatusMessage message={message} /> : null}
    </div>
  );
}
