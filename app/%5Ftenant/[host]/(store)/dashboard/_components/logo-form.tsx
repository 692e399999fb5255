"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, describeError } from "../../../_components/api-client";
import { StatusMessage, type StatusMessageValue } from "../../../_components/status-message";
import { StoreImage } from "../../../_components/store-image";

/** Uploads (or removes) the store's logo; the server checks the bytes as it does for product images. */
export function LogoForm({ logoPath }: { logoPath: string | null }) {
  const router = useRouter();
  const [message, setMessage] = useState<StatusMessageValue>(null);
  async function send(work: ReturnType<typeof callApi>, success: string) {
    const result = await work;
    setMessage(result.ok ? { kind: "ok", text: success } : { kind: "error", text: describeError(result) });
    if (result.ok) router.refresh();
    return result.ok;
  }
  return (
    <section aria-labelledby="logo-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-6">
      <h2 id="logo-heading" className="text-lg font-semibold">
        Logo
      </h2>
      {logoPath ? (
        <StoreImage src={logoPath} alt="Current logo" width={64} height={64} className="size-16 object-contain" />
      ) : (
        <p className="text-sm text-stone-600">No logo yet: the store shows its name alone.</p>
      )}
      <form
        className="flex flex-wrap items-end gap-3"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = event.currentTarget;
          if (await send(callApi("POST", "/api/dashboard/settings/logo", new FormData(form)), "Logo saved."))
            form.reset();
        }}
      >
        <div>
          <label htmlFor="logo-file" className="mb-1 block text-sm font-medium">
            Logo image (PNG, JPEG or WebP, up to 2 MB)
          </label>
          <input id="logo-file" name="file" type="file" required accept="image/png,image/jpeg,image/webp" />
        </div>
        <button type="submit" className="rounded-md border border-stone-300 px-3 py-2 text-sm font-medium">
          Upload logo
        </button>
        {logoPath ? (
          <button
            type="button"
            className="rounded-md border border-stone-300 px-3 py-2 text-sm font-medium"
            onClick={() => void send(callApi("DELETE", "/api/dashboard/settings/logo"), "Logo removed.")}
          >
            Remove logo
          </button>
        ) : null}
      </form>
      <StatusMessage message={message} />
    </section>
  );
}
