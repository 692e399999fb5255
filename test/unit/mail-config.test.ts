import { describe, expect, it } from "vitest";
import { parseServerConfig } from "@/lib/env/server-config";
import { redactFailure, redactSmtpUrl, smtpSecrets } from "@/lib/mail/smtp-transport";
import { tagAsvs } from "@/security/asvs-ids";

// Issue 15: mail is required for registration and guest order links, so a production server
// without a relay refuses to start; only the loud demo mode keeps mail in the outbox.

const production = {
  NODE_ENV: "production",
  NEXTAUTH_SECRET: "s".repeat(32),
  STRIPE_SECRET_KEY: "sk_live_abc123",
  STRIPE_WEBHOOK_SECRET: "whsec_abc123",
};
const SMTP = "smtp://mailer:Sup3r%2Fsecret%40pw@relay.example.com:587";

describe("mail configuration", () => {
  it("refuses a production start without SMTP_URL, and names why", () => {
    expect(() => parseServerConfig(production)).toThrow(/SMTP_URL: is required in production/);
  });

  it("refuses SMTP_URL in production without the address to send from", () => {
    expect(() => parseServerConfig({ ...production, SMTP_URL: SMTP })).toThrow(/MAIL_FROM_ADDRESS: is required/);
    const config = parseServerConfig({ ...production, SMTP_URL: SMTP, MAIL_FROM_ADDRESS: "shop@example.com" });
    expect(config.SMTP_URL).toBe(SMTP);
  });

  it("lets demo mode and development run without a relay (mail stays in the outbox)", () => {
    const demo = {
      ...production,
      STRIPE_SECRET_KEY: undefined,
      BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY: "1",
      STRIPE_API_URL: "http://127.0.0.1:12111",
    };
    expect(parseServerConfig(demo).SMTP_URL).toBeUndefined();
    expect(parseServerConfig({}).SMTP_URL).toBeUndefined();
  });

  it("refuses a URL that is not SMTP without echoing it (it may hold a password)", () => {
    let message = "";
    try {
      parseServerConfig({ SMTP_URL: "https://mailer:hunter2-password@relay.example.com" });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/SMTP_URL: must be an smtp:\/\/ or smtps:\/\/ URL/);
    expect(message).not.toContain("hunter2");
    expect(() => parseServerConfig({ MAIL_FROM_ADDRESS: "not an address" })).toThrow(/MAIL_FROM_ADDRESS/);
  });

  it(`${tagAsvs("V7.1.2")} redacts the relay's credentials, a URL's user part and link tokens from failures`, () => {
    expect(redactSmtpUrl(SMTP)).toBe("smtp://***@relay.example.com:587");
    const secrets = smtpSecrets(SMTP);
    const error = Object.assign(
      new Error(
        `Invalid login for mailer with Sup3r/secret@pw via ${SMTP}; see https://x.test/verify-email?token=abc123def&x=1 and /orders/1?t=look-up`,
      ),
      { code: "EAUTH", responseCode: 535 },
    );
    const text = redactFailure(error, secrets);
    expect(text).toMatch(/^EAUTH 535: /);
    for (const leak of ["Sup3r", "secret@pw", "Sup3r%2Fsecret", "mailer", "abc123def", "look-up"]) {
      expect(text).not.toContain(leak);
    }
  });
});
