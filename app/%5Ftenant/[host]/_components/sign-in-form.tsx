"use client";

import { useState } from "react";
import { submitSignIn } from "./client-auth";
import { HoneypotField } from "./honeypot-field";
import { SubmitButton } from "./submit-button";

type Props = { callbackUrl: string; genericError: string };

const CODE_ERROR = "That code didn't work. Enter the newest code from your app, or one of your recovery codes.";

export function SignInForm({ callbackUrl, genericError }: Props) {
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // After the right password, for an account with two-step verification: ask for the code and
  // send the same email and password again with it (nothing is signed in until both are right).
  const [needsCode, setNeedsCode] = useState(false);

  async function onSubmit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const data = new FormData(event.currentTarget);
    const outcome = await submitSignIn({
      email: String(data.get("email") ?? ""),
      password: String(data.get("password") ?? ""),
      website: String(data.get("website") ?? ""),
      otp: needsCode ? String(data.get("otp") ?? "") : undefined,
      callbackUrl,
    });
    if (outcome === "signed-in") {
      // A full navigation, so every server-rendered part of the page sees the new session.
      window.location.assign(callbackUrl);
      return;
    }
    setPending(false);
    if (outcome === "second-factor-required") setNeedsCode(true);
    else setError(outcome === "second-factor-failed" ? CODE_ERROR : genericError);
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
      {needsCode ? (
        <div>
          <label htmlFor="otp" className="mb-1 block text-sm font-medium">
            Verification code
          </label>
          <input
            id="otp"
            name="otp"
            inputMode="numeric"
            autoComplete="one-time-code"
            required
            autoFocus
            maxLength={40}
            aria-describedby="otp-hint"
            className="w-full rounded-md border border-stone-300 px-3 py-2"
          />
          <p id="otp-hint" className="mt-1 text-xs text-stone-500">
            The 6-digit code from your authenticator app, or one of your recovery codes.
          </p>
        </div>
      ) : null}
      <HoneypotField />
      <SubmitButton pending={pending} label={needsCode ? "Verify" : "Sign in"} pendingLabel="Signing in…" wide />
    </form>
  );
}
