import "server-only";
import { randomBytes } from "node:crypto";
import { getServerConfig } from "@/lib/env/server-config";
import { logEvent } from "@/lib/telemetry/logger";

/** What the emulator accepts; never valid at Stripe. */
export const EMULATOR_SECRET_KEY = "sk_test_bulwarkemulator";
export const EMULATOR_WEBHOOK_SECRET = "whsec_bulwarkemulator";
export const DEFAULT_EMULATOR_URL = "http://127.0.0.1:12111";

export type StripeSettings = {
  secretKey: string;
  webhookSecret: string;
  /** Set when the SDK talks to the local emulator instead of api.stripe.com. */
  apiUrl: URL | null;
};

let warned = false;

/** Unreachable in practice (the configuration requires a secret); fails closed if it ever is. */
function randomWebhookSecret(): string {
  return `whsec_${randomBytes(32).toString("hex")}`;
}

/** True when checkout goes to the local emulator: no money moves, and the consoles say so. */
export function isDemoPayments(): boolean {
  return getStripeSettings().apiUrl !== null;
}

/**
 * Real Stripe when STRIPE_SECRET_KEY is set (and no STRIPE_API_URL points elsewhere); otherwise
 * the local emulator, which is for development and tests only and says so loudly in production.
 */
export function getStripeSettings(): StripeSettings {
  const config = getServerConfig();
  const emulated = !config.STRIPE_SECRET_KEY || !!config.STRIPE_API_URL;
  const settings: StripeSettings = {
    secretKey: config.STRIPE_SECRET_KEY ?? EMULATOR_SECRET_KEY,
    // The emulator's published secret only outside production: the configuration refuses a
    // production start without a webhook secret of its own.
    webhookSecret:
      config.STRIPE_WEBHOOK_SECRET ??
      (config.NODE_ENV === "production" ? randomWebhookSecret() : EMULATOR_WEBHOOK_SECRET),
    apiUrl: emulated ? new URL(config.STRIPE_API_URL ?? DEFAULT_EMULATOR_URL) : null,
  };
  if (emulated && config.NODE_ENV === "production" && !warned) {
    warned = true;
    logEvent("error", "STRIPE_EMULATOR_IN_PRODUCTION", {
      warning:
        "Payments go to the local Stripe emulator, not Stripe. No money moves. Set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET and unset STRIPE_API_URL.",
      apiUrl: settings.apiUrl?.origin,
    });
  }
  return settings;
}
