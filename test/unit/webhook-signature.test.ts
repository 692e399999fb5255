import Stripe from "stripe";
import { describe, expect, it } from "vitest";
import { EMULATOR_WEBHOOK_SECRET } from "@/lib/payments/stripe-config";
import {
  FUTURE_TOLERANCE_SECONDS,
  SIGNATURE_TOLERANCE_SECONDS,
  verifyStripeSignature,
} from "@/lib/payments/webhook-signature";
import { tagAsvs } from "@/security/asvs-ids";

// The signature check on its own, at its edges: how many timestamps a header may carry and in
// what spelling, how far ahead of our clock a timestamp may be, how much of a failure is kept.
// (Mutation testing found these edges untested: security/mutation/report.json.)

const signer = new Stripe("sk_test_signer_only");
const payload = JSON.stringify({ id: "evt_edges", object: "event", type: "checkout.session.completed" });
const now = Date.UTC(2026, 11, 6, 12, 0, 0);
const sign = (timestamp: number, secret = EMULATOR_WEBHOOK_SECRET) =>
  signer.webhooks.generateTestHeaderString({ payload, secret, timestamp });

describe(`${tagAsvs("V13.2.6", "V6.2.1")} the Stripe signature check`, () => {
  it("accepts a fresh signature over the exact bytes, and one exactly at the future tolerance", () => {
    expect(verifyStripeSignature(payload, sign(now / 1000), now)).toBeNull();
    expect(verifyStripeSignature(payload, sign(now / 1000 + FUTURE_TOLERANCE_SECONDS), now)).toBeNull();
    expect(verifyStripeSignature(payload, sign(now / 1000 - SIGNATURE_TOLERANCE_SECONDS), now)).toBeNull();
  });

  it("refuses a timestamp a second past the future tolerance, or past the age tolerance", () => {
    expect(verifyStripeSignature(payload, sign(now / 1000 + FUTURE_TOLERANCE_SECONDS + 1), now)).toBe(
      "timestamp in the future",
    );
    expect(verifyStripeSignature(payload, sign(now / 1000 - SIGNATURE_TOLERANCE_SECONDS - 1), now)).toMatch(
      /tolerance/i,
    );
  });

  it("refuses a second timestamp, however it is spaced, even when the first one verifies", () => {
    const header = sign(now / 1000);
    for (const extra of [",t=1", ", t=1", ",  t=1"]) {
      expect(verifyStripeSignature(payload, `${header}${extra}`, now), extra).toBe("malformed timestamp");
    }
  });

  it("refuses timestamps that are not digits alone, whatever precedes or follows them", () => {
    const signature = sign(now / 1000)
      .split(",")
      .find((part) => part.startsWith("v1="))!;
    for (const stamp of [`t=t=${now / 1000}`, `t=9t=${now / 1000}`, `t=${now / 1000}x`, "t=", "t=1234567890123"]) {
      expect(verifyStripeSignature(payload, `${stamp},${signature}`, now), stamp).toBe("malformed timestamp");
    }
    expect(verifyStripeSignature(payload, null, now)).toBe("no Stripe-Signature header");
  });

  it("refuses a wrong secret or changed bytes, keeping at most 200 characters of the reason", () => {
    const wrong = verifyStripeSignature(payload, sign(now / 1000, "whsec_wrongsecret"), now);
    expect(wrong).toMatch(/^No signatures found matching the expected signature/);
    expect(wrong!.length).toBe(200);
    expect(verifyStripeSignature(`${payload} `, sign(now / 1000), now)).toMatch(/^No signatures found/);
  });
});
