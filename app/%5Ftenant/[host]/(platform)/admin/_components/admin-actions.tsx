"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, describeError } from "../../../_components/api-client";
import { ConfirmButton } from "../../../_components/confirm-button";
import { StatusMessage } from "../../../_components/status-message";

type Message = { kind: "ok" | "error"; text: string } | null;

function useAdminAction() {
  const router = useRouter();
  const [message, setMessage] = useState<Message>(null);
  async function run(method: string, url: string, body: unknown, success: string) {
    const result = await callApi(method, url, body);
    setMessage(result.ok ? { kind: "ok", text: success } : { kind: "error", text: describeError(result) });
    if (result.ok) router.refresh();
    return result.ok;
  }
  const view = message ? <StatusMessage message={message} /> : null;
  return { run, view };
}

const input = "rounded-md border border-stone-300 px-2 py-1 text-sm";

export function CreateTenantForm() {
  const { run, view } = useAdminAction();
  return (
    <form
      className="grid gap-2 rounded-lg border border-stone-200 bg-white p-4 sm:grid-cols-5"
      onSubmit={async (event) => {
        event.preventDefault();
        const form = event.currentTarget;
        const data = Object.fromEntries(new FormData(form)) as Record<string, string>;
        if (await run("POST", "/api/admin/tenants", data, `Store ${data.name} created.`)) form.reset();
      }}
    >
      <p className="font-medium sm:col-span-5">New store</p>
      {[
        ["name", "Name"],
        ["slug", "Slug"],
        ["host", "Host"],
        ["accentColor", "Accent colour"],
      ].map(([name, label]) => (
        <div key={name}>
          <label htmlFor={`tenant-${name}`} className="block text-xs font-medium">
            {label}
          </label>
          <input
            id={`tenant-${name}`}
            name={name}
            required
            defaultValue={name === "accentColor" ? "#1d4ed8" : undefined}
            className={input}
          />
        </div>
      ))}
      <div>
        <label htmlFor="tenant-currency" className="block text-xs font-medium">
          Currency
        </label>
        <select id="tenant-currency" name="currency" className={input}>
          {["USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD", "SEK"].map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
      </div>
      <div className="sm:col-span-5">
        <button type="submit" className="rounded-md bg-stone-900 px-4 py-2 text-sm font-semibold text-white">
          Create store
        </button>
      </div>
      <div className="sm:col-span-5">{view}</div>
    </form>
  );
}

export function TenantControls({ slug, status }: { slug: string; status: "ACTIVE" | "SUSPENDED" }) {
  const { run, view } = useAdminAction();
  return (
    <div className="space-y-3">
      {status === "ACTIVE" ? (
        <ConfirmButton
          className="rounded-md bg-rose-700 px-4 py-2 text-sm font-semibold text-white"
          question={`Suspend ${slug}? The store goes offline at once: its shoppers and merchants get a 404 until it is reactivated.`}
          confirmLabel="Suspend store"
          onConfirm={() => run("PATCH", `/api/admin/tenants/${slug}`, { status: "SUSPENDED" }, "Store suspended.")}
        >
          Suspend store
        </ConfirmButton>
      ) : (
        <button
          type="button"
          onClick={() => run("PATCH", `/api/admin/tenants/${slug}`, { status: "ACTIVE" }, "Store reactivated.")}
          className="rounded-md bg-emerald-700 px-4 py-2 text-sm font-semibold text-white"
        >
          Reactivate store
        </button>
      )}
      <form
        className="flex items-end gap-2"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = event.currentTarget;
          if (
            await run(
              "POST",
              `/api/admin/tenants/${slug}/domains`,
              { host: String(new FormData(form).get("host") ?? "") },
              "Domain added.",
            )
          )
            form.reset();
        }}
      >
        <div>
          <label htmlFor="domain-host" className="block text-xs font-medium">
            Add a host
          </label>
          <input id="domain-host" name="host" required placeholder="shop.example.com" className={input} />
        </div>
        <button type="submit" className="rounded-md border border-stone-300 px-3 py-1 text-sm">
          Add
        </button>
      </form>
      {view}
    </div>
  );
}

export function UserControls({ id, email, disabled }: { id: string; email: string; disabled: boolean }) {
  const { run, view } = useAdminAction();
  return (
    <div className="flex flex-wrap items-center gap-2">
      {disabled ? (
        <button
          type="button"
          onClick={() => run("PATCH", `/api/admin/users/${id}`, { disabled: false }, `${email} enabled.`)}
          className="rounded-md border border-stone-300 px-2 py-1 text-xs"
        >
          Enable<span className="sr-only"> {email}</span>
        </button>
      ) : (
        <ConfirmButton
          className="rounded-md border border-stone-300 px-2 py-1 text-xs"
          question={`Disable ${email}? They are signed out everywhere at once and cannot sign in until enabled again.`}
          confirmLabel="Disable account"
          onConfirm={() =>
            run("PATCH", `/api/admin/users/${id}`, { disabled: true }, `${email} disabled and signed out.`)
          }
        >
          Disable<span className="sr-only"> {email}</span>
        </ConfirmButton>
      )}
      <button
        type="button"
        onClick={() => run("POST", `/api/admin/users/${id}/sign-out`, {}, `${email} signed out everywhere.`)}
        className="rounded-md border border-stone-300 px-2 py-1 text-xs"
      >
        Sign out everywhere<span className="sr-only"> {email}</span>
      </button>
      {view}
    </div>
  );
}

export function AlertControls({ id, rule, status }: { id: string; rule: string; status: "OPEN" | "ACKNOWLEDGED" }) {
  const { run, view } = useAdminAction();
  return (
    <div className="flex flex-wrap items-center gap-2">
      {status === "OPEN" ? (
        <button
          type="button"
          onClick={() => run("PATCH", `/api/admin/alerts/${id}`, { status: "ACKNOWLEDGED" }, `${rule} acknowledged.`)}
          className="rounded-md border border-stone-300 px-2 py-1 text-xs"
        >
          Acknowledge<span className="sr-only"> {rule}</span>
        </button>
      ) : null}
      <button
        type="button"
        onClick={() => run("PATCH", `/api/admin/alerts/${id}`, { status: "RESOLVED" }, `${rule} resolved.`)}
        className="rounded-md border border-stone-300 px-2 py-1 text-xs"
      >
        Resolve<span className="sr-only"> {rule}</span>
      </button>
      {view}
    </div>
  );
}

export function LiftBlockButton({ id, value }: { id: string; value: string }) {
  const { run, view } = useAdminAction();
  return (
    <div className="flex flex-wrap items-center gap-2">
      <button
        type="button"
        onClick={() => run("DELETE", `/api/admin/blocks/${id}`, {}, `Block on ${value} lifted.`)}
        className="rounded-md border border-stone-300 px-2 py-1 text-xs"
      >
        Lift<span className="sr-only"> the block on {value}</span>
      </button>
      {view}
    </div>
  );
}
