"use client";

import { useState } from "react";
import { submitSignIn } from "./client-auth";
import { HoneypotField } from "./honeypot-field";
import { SubmitButton } from "./submit-button";

type Props = { callbackUrl: string; genericError: string };

export function SignInForm({ callbackUrl, genericError }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const data = new FormData(event.currentTarget);
    const ok = await submitSignIn({
      email: String(data.get("email") ?? ""),
      password: String(data.get("password") ?? ""),
      website: String(data.get("website") ?? ""),
      callbackUrl,
    });
    if (ok) {
      // A full navigation, so every server-rendered part of the page sees the new session.
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    setError(genericError);
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4" noValidate aria-describedby={error ? "sign-in-error" : undefined}>
      {error ? (
        <p id="sign-in-error" role="alert" className="rounded-md bg-rose-50 p-3 text-sm text-rose-800">
          {error}
        </p>
      ) : null}
      <div>
        <label htmlFor="email" className="mb-1 block text-sm font-medium">
          Email
        </label>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          required
          maxLength={254}
          className="w-full rounded-md border border-stone-300 px-3 py-2"
        />
      </div>
      <div>
        <label htmlFor="password" className="mb-1 block text-sm font-medium">
          Password
        </label>
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          maxLength={1024}
          className="w-full rounded-md border border-stone-300 px-3 py-2"
        />
      </div>
      <HoneypotField />
      <SubmitButton pending={pending} label="Sign in" pendingLabel="Signing in…" wide />
    </form>
  );
}
