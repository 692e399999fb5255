"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, describeError } from "../../../_components/api-client";
import { StatusMessage, type StatusMessageValue } from "../../../_components/status-message";

const input = "rounded-md border border-stone-300 px-2 py-1 text-sm";

/** A store's sender name and Reply-To; empty fields mean the defaults. */
export function MailSenderForm({ slug, senderName, replyTo }: { slug: string; senderName: string; replyTo: string }) {
  const router = useRouter();
  const [message, setMessage] = useState<StatusMessageValue>(null);
  return (
    <form
      className="flex flex-wrap items-end gap-2"
      onSubmit={async (event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const result = await callApi("PUT", `/api/admin/tenants/${slug}/mail`, {
          mailSenderName: String(data.get("mailSenderName") ?? ""),
          mailReplyTo: String(data.get("mailReplyTo") ?? ""),
        });
        setMessage(
          result.ok ? { kind: "ok", text: "Mail sender saved." } : { kind: "error", text: describeError(result) },
        );
        if (result.ok) router.refresh();
      }}
    >
      <div>
        <label htmlFor="mail-sender-name" className="block text-xs font-medium">
          Sender name
        </label>
        <input id="mail-sender-name" name="mailSenderName" defaultValue={senderName} maxLength={80} className={input} />
      </div>
      <div>
        <label htmlFor="mail-reply-to" className="block text-xs font-medium">
          Reply-To
        </label>
        <input
          id="mail-reply-to"
          name="mailReplyTo"
          type="email"
          defaultValue={replyTo}
          maxLength={254}
          className={input}
        />
      </div>
      <button type="submit" className="rounded-md border border-stone-300 px-3 py-1 text-sm">
        Save
      </button>
      <StatusMessage message={message} />
    </form>
  );
}
