"use client";

import { startTransition, useEffect, useRef, type FormEvent } from "react";
import type { ActionState } from "@/lib/security/action-state";

/**
 * Submits a form to its action without React's automatic reset, so a validation error does not
 * wipe what was typed. Nothing comes back from the server to refill it (action state never holds
 * input, passwords least of all): the browser simply keeps its fields. On an error, a password
 * field the server refused is emptied, to be typed again, and the first field in error takes
 * focus. The form keeps its `action` too, so it still posts without JavaScript.
 */
export function useKeptInput<T>(state: ActionState<T>, dispatch: (data: FormData) => void) {
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    if (state.status !== "error" || !form.current) return;
    const fields = Object.keys(state.fieldErrors ?? {})
      .map((name) => form.current?.elements.namedItem(name))
      .filter((field): field is HTMLInputElement => field instanceof HTMLInputElement);
    for (const field of fields) if (field.type === "password") field.value = "";
    fields[0]?.focus();
  }, [state]);
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    startTransition(() => dispatch(data));
  };
  return { form, onSubmit };
}
