"use server";

import { refresh } from "next/cache";
import QRCode from "qrcode";
import { z } from "zod";
import { guardedAction } from "@/lib/guard/guard";
import {
  confirmCodeSchema,
  confirmEnrollment,
  disableSecondFactor,
  enrolSchema,
  regenerateRecoveryCodes,
  startEnrollment,
} from "@/lib/identity/second-factor";

// Two-step verification settings, shared by a store's account page and the platform console.
// Starting and confirming the set-up are the only actions an administrator may take before the
// session has passed the second factor.

export type EnrollmentData = { secret: string; uri: string; qr: { size: number; path: string } };

/** The QR code as one SVG path of dark modules: no markup from elsewhere is injected. */
function drawQr(uri: string): { size: number; path: string } {
  const { modules } = QRCode.create(uri, { errorCorrectionLevel: "M" });
  let path = "";
  for (let y = 0; y < modules.size; y++) {
    for (let x = 0; x < modules.size; x++) if (modules.get(x, y)) path += `M${x} ${y}h1v1h-1z`;
  }
  return { size: modules.size, path };
}

export const startTwoFactorAction = guardedAction(
  {
    name: "account.two-factor.start",
    access: "signed-in",
    tenantKind: "ANY",
    secondFactor: "enrolment",
    limit: "account-change",
    schema: z.object({}).strict(),
  },
  async (_input, { user, tenant }) => {
    const issuer = tenant.kind === "PLATFORM" ? "Bulwark platform" : tenant.name;
    const started = await startEnrollment(user, issuer);
    if (!started) {
      return { status: "error", message: "Sign in with your current code to set up a new authenticator." };
    }
    const data: EnrollmentData = { ...started, qr: drawQr(started.uri) };
    return { status: "success", message: "Scan the code with your authenticator app.", data };
  },
);

export const confirmTwoFactorAction = guardedAction(
  {
    name: "account.two-factor.confirm",
    access: "signed-in",
    tenantKind: "ANY",
    secondFactor: "enrolment",
    limit: "account-change",
    schema: enrolSchema,
  },
  async (input, { user, meta }) => {
    const result = await confirmEnrollment(user, input, meta);
    if (!result.ok)
      return { status: "error", message: result.message, fieldErrors: { [result.field]: [result.message] } };
    return {
      status: "success",
      message: "Two-step verification is on. Save these recovery codes now: they are shown only once.",
      data: { recoveryCodes: result.recoveryCodes },
    };
  },
);

export const regenerateRecoveryCodesAction = guardedAction(
  {
    name: "account.two-factor.recovery-codes",
    access: "signed-in",
    tenantKind: "ANY",
    limit: "account-change",
    schema: confirmCodeSchema,
  },
  async ({ code }, { user, meta }) => {
    const result = await regenerateRecoveryCodes(user, code, meta);
    if (!result.ok) return { status: "error", message: result.message, fieldErrors: { code: [result.message] } };
    refresh();
    return {
      status: "success",
      message: "New recovery codes: the old ones no longer work. Save these now.",
      data: { recoveryCodes: result.recoveryCodes ?? [] },
    };
  },
);

export const disableTwoFactorAction = guardedAction(
  {
    name: "account.two-factor.disable",
    access: "signed-in",
    tenantKind: "ANY",
    limit: "account-change",
    schema: confirmCodeSchema,
  },
  async ({ code }, { user, meta }) => {
    const result = await disableSecondFactor(user, code, meta);
    if (!result.ok) return { status: "error", message: result.message, fieldErrors: { code: [result.message] } };
    refresh();
    return { status: "success", message: "Two-step verification is off." };
  },
);
