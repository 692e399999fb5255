"use client";

import { useActionState } from "react";
import { IDLE_STATE, type ActionState } from "@/lib/security/action-state";
import { FormField } from "./form-field";
import { StatusMessage } from "./status-message";
import { SubmitButton } from "./submit-button";
import {
  confirmTwoFactorAction,
  disableTwoFactorAction,
  regenerateRecoveryCodesAction,
  startTwoFactorAction,
  type EnrollmentData,
} from "./two-factor-actions";

type Status = {
  enabled: boolean;
  enabledAt: string | null;
  recoveryCodesLeft: number;
  required: boolean;
  passedInThisSession: boolean;
};
type Codes = { recoveryCodes: string[] };

function messageOf(state: ActionState<unknown>) {
  return state.status === "idle"
    ? null
    : { kind: state.status === "error" ? ("error" as const) : ("ok" as const), text: state.message };
}

function RecoveryCodes({ codes }: { codes: string[] }) {
  return (
    <ol aria-label="Recovery codes" className="grid grid-cols-2 gap-2 rounded-md bg-stone-100 p-4 font-mono text-sm">
      {codes.map((code) => (
        <li key={code}>{code}</li>
      ))}
    </ol>
  );
}

/** The code from the authenticator app (or a recovery code), with its errors. */
function CodeField({ id, state }: { id: string; state: ActionState<unknown> }) {
  return (
    <div className="w-48">
      <FormField
        id={id}
        label="Code from your app"
        name="code"
        inputMode="numeric"
        autoComplete="one-time-code"
        required
        maxLength={40}
        errors={state.status === "error" ? state.fieldErrors?.code : undefined}
      />
    </div>
  );
}

function CodeForm({
  action,
  pending,
  state,
  label,
  pendingLabel,
  id,
}: {
  action: (formData: FormData) => void;
  pending: boolean;
  state: ActionState<unknown>;
  label: string;
  pendingLabel: string;
  id: string;
}) {
  return (
    <form action={action} className="flex flex-wrap items-end gap-3">
      <CodeField id={id} state={state} />
      <SubmitButton pending={pending} label={label} pendingLabel={pendingLabel} />
    </form>
  );
}

/** Sets up, shows and turns off two-step verification (an authenticator app and recovery codes). */
export function TwoFactorSettings({ status, continueTo }: { status: Status; continueTo?: string }) {
  const [started, start, starting] = useActionState(startTwoFactorAction, IDLE_STATE as ActionState<EnrollmentData>);
  const [confirmed, confirm, confirming] = useActionState(confirmTwoFactorAction, IDLE_STATE as ActionState<Codes>);
  const [renewed, renew, renewing] = useActionState(regenerateRecoveryCodesAction, IDLE_STATE as ActionState<Codes>);
  const [disabled, disable, disabling] = useActionState(disableTwoFactorAction, IDLE_STATE as ActionState);

  if (confirmed.status === "success" && confirmed.data) {
    return (
      <div className="space-y-3">
        <StatusMessage message={messageOf(confirmed)} />
        <RecoveryCodes codes={confirmed.data.recoveryCodes} />
        <p className="text-sm text-stone-600">Each code works once, if you lose your phone.</p>
        {continueTo ? (
          // A full navigation: every server-rendered part sees the session's new standing.
          <a href={continueTo} className="inline-block rounded-md bg-accent px-4 py-2 font-semibold text-accent-ink">
            I’ve saved them — continue
          </a>
        ) : null}
      </div>
    );
  }

  if (started.status === "success" && started.data) {
    const { qr, secret } = started.data;
    return (
      <div className="space-y-4">
        <p className="text-sm">Scan this code with an authenticator app, then enter the 6-digit code it shows.</p>
        <svg
          role="img"
          aria-label="QR code for your authenticator app"
          viewBox={`-4 -4 ${qr.size + 8} ${qr.size + 8}`}
          className="h-48 w-48 bg-white"
          shapeRendering="crispEdges"
        >
          <path d={qr.path} fill="#000" />
        </svg>
        <p className="text-sm">
          Can’t scan it? Enter this key:{" "}
          <code data-testid="totp-secret" className="font-mono">
            {secret}
          </code>
        </p>
        <form action={confirm} className="space-y-3">
          <div className="w-64">
            <FormField
              id="enrol-password"
              label="Your password"
              name="password"
              type="password"
              autoComplete="current-password"
              required
              errors={confirmed.status === "error" ? confirmed.fieldErrors?.password : undefined}
            />
          </div>
          <CodeField id="enrol-code" state={confirmed} />
          <SubmitButton pending={confirming} label="Turn on" pendingLabel="Checking…" />
        </form>
        <StatusMessage message={messageOf(confirmed)} />
      </div>
    );
  }

  if (status.enabled) {
    return (
      <div className="space-y-5">
        <p className="text-sm">
          <strong>On</strong>
          {status.enabledAt ? ` since ${new Date(status.enabledAt).toLocaleDateString("en-GB")}` : ""}. Signing in asks
          for a code from your authenticator app. Recovery codes left: {status.recoveryCodesLeft}.
        </p>
        <div className="space-y-2">
          <h3 className="font-medium">New recovery codes</h3>
          <CodeForm
            id="renew-code"
            action={renew}
            pending={renewing}
            state={renewed}
            label="Create new codes"
            pendingLabel="Creating…"
          />
          <StatusMessage message={messageOf(renewed)} />
          {renewed.status === "success" && renewed.data ? <RecoveryCodes codes={renewed.data.recoveryCodes} /> : null}
        </div>
        {status.passedInThisSession ? (
          <form action={start} className="space-y-2">
            <h3 className="font-medium">New phone?</h3>
            <SubmitButton pending={starting} label="Set up a new authenticator" pendingLabel="Preparing…" />
            <StatusMessage message={messageOf(started)} />
          </form>
        ) : null}
        {status.required ? (
          <p className="text-sm text-stone-600">Administrators keep two-step verification on.</p>
        ) : (
          <div className="space-y-2">
            <h3 className="font-medium">Turn off</h3>
            <CodeForm
              id="disable-code"
              action={disable}
              pending={disabling}
              state={disabled}
              label="Turn off"
              pendingLabel="Turning off…"
            />
            <StatusMessage message={messageOf(disabled)} />
          </div>
        )}
      </div>
    );
  }

  return (
    <form action={start} className="space-y-3">
      <p className="text-sm text-stone-600">
        {status.required
          ? "Administrators must use two-step verification: set it up to continue."
          : "Add a code from an authenticator app to your password when you sign in. Recommended for merchants."}
      </p>
      <SubmitButton pending={starting} label="Set up two-step verification" pendingLabel="Preparing…" />
      <StatusMessage message={messageOf(started)} />
    </form>
  );
}
