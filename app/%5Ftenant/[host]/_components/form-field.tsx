import type { ComponentProps } from "react";

type Props = ComponentProps<"input"> & { label: string; name: string; errors?: string[] | undefined; hint?: string };

/** A labelled input with its hint and errors wired to aria-describedby. */
export function FormField({ label, name, errors, hint, id, ...input }: Props) {
  const inputId = id ?? name;
  const describedBy = [hint ? `${inputId}-hint` : null, errors?.length ? `${inputId}-error` : null]
    .filter(Boolean)
    .join(" ");
  return (
    <div>
      <label htmlFor={inputId} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <input
        id={inputId}
        name={name}
        aria-invalid={errors?.length ? true : undefined}
        aria-describedby={describedBy || undefined}
        className="w-full rounded-md border border-stone-300 px-3 py-2 aria-[invalid=true]:border-rose-600"
        {...input}
      />
      {hint ? (
        <p id={`${inputId}-hint`} className="mt-1 text-xs text-stone-500">
          {hint}
        </p>
      ) : null}
      {errors?.length ? (
        <p id={`${inputId}-error`} className="mt-1 text-sm text-rose-700">
          {errors.join(" ")}
        </p>
      ) : null}
    </div>
  );
}
