"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { checkAccentColour, formatRatio, LIGHT_INK } from "@/lib/tenancy/accent-colour";
import { POLICY_KINDS, STORE_CURRENCIES, STORE_LOCALES, type PolicyKind } from "@/lib/tenancy/store-options";
import { callApi } from "../../../_components/api-client";
import { FormField } from "../../../_components/form-field";
import { StatusMessage, type StatusMessageValue } from "../../../_components/status-message";

type Settings = {
  name: string;
  tagline: string;
  description: string;
  currency: string;
  locale: string;
  accentColor: string;
  shippingPolicy: string;
  returnsPolicy: string;
  privacyPolicy: string;
};

const input = "w-full rounded-md border border-stone-300 px-3 py-2 aria-[invalid=true]:border-rose-600";

function FieldErrors({ id, errors }: { id: string; errors?: string[] | undefined }) {
  return errors?.length ? (
    <p id={`${id}-error`} className="mt-1 text-sm text-rose-700">
      {errors.join(" ")}
    </p>
  ) : null;
}

function TextArea({ name, label, value, errors }: { name: string; label: string; value: string; errors?: string[] }) {
  return (
    <div>
      <label htmlFor={name} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <textarea
        id={name}
        name={name}
        rows={4}
        defaultValue={value}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={errors?.length ? `${name}-error` : undefined}
        className={input}
      />
      <FieldErrors id={name} errors={errors} />
    </div>
  );
}

/** Shows, as the merchant types, which text colour the accent gets, or why it would be refused. */
function AccentPreview({ colour }: { colour: string }) {
  const check = checkAccentColour(colour);
  if (!check.ok) return <p className="mt-1 text-sm text-stone-600">{check.message}</p>;
  const { accent, ink, inkContrast } = check.palette;
  return (
    <p className="mt-1 flex items-center gap-2 text-sm text-stone-600" data-testid="accent-preview">
      <span className="rounded px-2 py-1 font-semibold" style={{ background: accent, color: ink }}>
        Add to cart
      </span>
      {ink === LIGHT_INK ? "White" : "Dark"} text on it: {formatRatio(inkContrast)}.
    </p>
  );
}

/**
 * The store's settings. Every field is sent each time; after a refusal the form keeps what was
 * typed (nothing is reset) and shows each field's message next to it.
 */
export function SettingsForm({ settings }: { settings: Settings }) {
  const router = useRouter();
  const [message, setMessage] = useState<StatusMessageValue>(null);
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [accent, setAccent] = useState(settings.accentColor);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fields = Object.fromEntries(Object.keys(settings).map((key) => [key, String(form.get(key) ?? "")]));
    setPending(true);
    const result = await callApi("PATCH", "/api/dashboard/settings", fields);
    setPending(false);
    setErrors(result.ok ? {} : (result.fieldErrors ?? {}));
    setMessage(result.ok ? { kind: "ok", text: "Settings saved." } : { kind: "error", text: result.error });
    if (result.ok) router.refresh();
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-4 rounded-lg border border-stone-200 bg-white p-6">
      <FormField label="Store name" name="name" defaultValue={settings.name} maxLength={80} errors={errors.name} />
      <FormField
        label="Tagline"
        name="tagline"
        defaultValue={settings.tagline}
        maxLength={120}
        errors={errors.tagline}
      />
      <TextArea name="description" label="Description" value={settings.description} errors={errors.description} />
      <div>
        <FormField
          label="Accent colour"
          name="accentColor"
          defaultValue={settings.accentColor}
          hint="A colour like #0f766e, for buttons and links. Text on it must be readable (at least 4.5:1)."
          onChange={(event) => setAccent(event.currentTarget.value.trim())}
          errors={errors.accentColor}
        />
        <AccentPreview colour={accent} />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="currency" className="mb-1 block text-sm font-medium">
            Currency
          </label>
          <select id="currency" name="currency" defaultValue={settings.currency} className={input}>
            {STORE_CURRENCIES.map((code) => (
              <option key={code}>{code}</option>
            ))}
          </select>
          <p className="mt-1 text-xs text-stone-500">
            Prices are not converted: 19.99 stays 19.99 in the new currency. Placed orders keep theirs.
          </p>
          <FieldErrors id="currency" errors={errors.currency} />
        </div>
        <div>
          <label htmlFor="locale" className="mb-1 block text-sm font-medium">
            Language and formats
          </label>
          <select id="locale" name="locale" defaultValue={settings.locale} className={input}>
            {Object.entries(STORE_LOCALES).map(([tag, label]) => (
              <option key={tag} value={tag}>
                {label}
              </option>
            ))}
          </select>
          <FieldErrors id="locale" errors={errors.locale} />
        </div>
      </div>
      <fieldset className="space-y-4">
        <legend className="text-lg font-semibold">Policies</legend>
        <p className="text-sm text-stone-600">Shown in the footer of every page; leave one empty to hide it.</p>
        {(Object.keys(POLICY_KINDS) as PolicyKind[]).map((kind) => {
          const { field, title } = POLICY_KINDS[kind];
          return <TextArea key={kind} name={field} label={title} value={settings[field]} errors={errors[field]} />;
        })}
      </fieldset>
      <StatusMessage message={message} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-accent px-4 py-2 font-semibold text-accent-ink disabled:opacity-60"
      >
        Save settings
      </button>
    </form>
  );
}
