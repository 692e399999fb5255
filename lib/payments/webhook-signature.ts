import "server-only";
import { getStripe } from "./stripe-client";
import { getStripeSettings } from "./stripe-config";

// Stripe authenticates its webhooks with an HMAC over the raw body and a timestamp. This is the
// whole check, before any byte of the body is trusted.

/** Stripe's default; a signed payload older than this is a replay. */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
/** The SDK checks only age: a timestamp this far ahead of our clock is refused too. */
export const FUTURE_TOLERANCE_SECONDS = 300;
export const MAX_PAYLOAD_BYTES = 512 * 1024;
/** Failed signatures are counted per client and written once per window. */
export const SIGNATURE_FAILURE_WINDOW_MS = 60_000;

/** Checks the signature over the raw bytes, its age, and that it is not from the future. */
export function verifyStripeSignature(payload: string, header: string | null, receivedAt: number): string | null {
  if (!header) return "no Stripe-Signature header";
  // Exactly one timestamp, digits only: the SDK reads the last `t=` with parseInt, so "t=1,t=2"
  // or "t=2x" would let a timestamp other than the one checked here be verified.
  const timestamps = header.split(",").filter((part) => part.trim().startsWith("t="));
  const timestamp = timestamps.length === 1 ? /^\s*t=(\d{1,12})\s*$/.exec(timestamps[0]!)?.[1] : undefined;
  if (!timestamp) return "malformed timestamp";
  if (Number(timestamp) > receivedAt / 1000 + FUTURE_TOLERANCE_SECONDS) return "timestamp in the future";
  const verifier = getStripe().webhooks.signature;
  if (!verifier) return "no signature verifier";
  try {
    verifier.verifyHeader(
      payload,
      header,
      getStripeSettings().webhookSecret,
      SIGNATURE_TOLERANCE_SECONDS,
      undefined,
      receivedAt,
    );
    return null;
  } catch (error) {
    return String(error instanceof Error ? error.message : error).slice(0, 200);
  }
}
