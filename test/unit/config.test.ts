import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import { parseServerConfig } from "@/lib/env/server-config";
import { tagAsvs } from "@/security/asvs-ids";

describe("resolveDatabaseTarget", () => {
  it("opens file: URLs with better-sqlite3, relative to the project", () => {
    expect(resolveDatabaseTarget("file:./data/dev.db")).toEqual({
      driver: "better-sqlite3",
      file: path.resolve(process.cwd(), "data/dev.db"),
    });
  });

  it("sends libSQL and Turso URLs to the libSQL adapter with their token", () => {
    expect(resolveDatabaseTarget("libsql://shop.turso.io", "tok")).toEqual({
      driver: "libsql",
      url: "libsql://shop.turso.io",
      authToken: "tok",
    });
    expect(resolveDatabaseTarget("https://db.example.com")).toEqual({
      driver: "libsql",
      url: "https://db.example.com",
    });
    expect(resolveDatabaseTarget("libsql+file:./x.db")).toEqual({
      driver: "libsql",
      url: `file:${path.resolve("x.db")}`,
    });
  });

  it("refuses anything else", () => {
    expect(() => resolveDatabaseTarget("postgres://x")).toThrow(/DATABASE_URL/);
  });
});

describe("parseServerConfig", () => {
  it("fills development defaults", () => {
    expect(parseServerConfig({})).toMatchObject({ NODE_ENV: "development", DATABASE_URL: "file:./data/dev.db" });
  });

  it(`${tagAsvs("V6.4.1")} refuses to run in production without a session secret`, () => {
    expect(() => parseServerConfig({ NODE_ENV: "production" })).toThrow(/NEXTAUTH_SECRET: is required in production/);
    expect(() => parseServerConfig({ NODE_ENV: "production", NEXTAUTH_SECRET: "short" })).toThrow(/at least 32/);
    const stripe = { STRIPE_SECRET_KEY: "sk_live_abc123", STRIPE_WEBHOOK_SECRET: "whsec_abc123" };
    const mail = { SMTP_URL: "smtps://shop:pw@smtp.example.com", MAIL_FROM_ADDRESS: "shop@example.com" };
    const config = parseServerConfig({ NODE_ENV: "production", NEXTAUTH_SECRET: "s".repeat(32), ...stripe, ...mail });
    expect(config.NEXTAUTH_SECRET).toBe("s".repeat(32));
  });

  it("refuses to take payments in production without Stripe keys and a webhook secret", () => {
    const base = { NODE_ENV: "production", NEXTAUTH_SECRET: "s".repeat(32) };
    expect(() => parseServerConfig(base)).toThrow(/STRIPE_WEBHOOK_SECRET: is required in production/);
    expect(() => parseServerConfig(base)).toThrow(/STRIPE_SECRET_KEY: is required in production/);
    expect(() =>
      parseServerConfig({ ...base, STRIPE_SECRET_KEY: "pk_live_oops", STRIPE_WEBHOOK_SECRET: "whsec_x" }),
    ).toThrow(/Stripe secret key/);
    // Pointing the SDK at an emulator is no longer enough to start without keys (issue 9).
    expect(() =>
      parseServerConfig({ ...base, STRIPE_API_URL: "http://127.0.0.1:12111", STRIPE_WEBHOOK_SECRET: "whsec_x" }),
    ).toThrow(/BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY/);
    // Real keys with STRIPE_API_URL redirected elsewhere would be emulated payments by stealth.
    expect(() =>
      parseServerConfig({
        ...base,
        STRIPE_SECRET_KEY: "sk_live_abc",
        STRIPE_WEBHOOK_SECRET: "whsec_x",
        STRIPE_API_URL: "http://127.0.0.1:12111",
      }),
    ).toThrow(/STRIPE_SECRET_KEY/);
  });

  it("runs a production build on the emulator only with the loud demo switch, a webhook secret and a loopback emulator", () => {
    const demo = {
      NODE_ENV: "production",
      NEXTAUTH_SECRET: "s".repeat(32),
      BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY: "1",
      STRIPE_API_URL: "http://127.0.0.1:12111",
    };
    expect(() => parseServerConfig(demo)).toThrow(/STRIPE_WEBHOOK_SECRET: is required in production/);
    expect(parseServerConfig({ ...demo, STRIPE_WEBHOOK_SECRET: "whsec_random" }).STRIPE_API_URL).toBe(
      "http://127.0.0.1:12111",
    );
    expect(() =>
      parseServerConfig({ ...demo, STRIPE_WEBHOOK_SECRET: "whsec_random", STRIPE_API_URL: "http://10.0.0.5:12111" }),
    ).toThrow(/STRIPE_API_URL: must point at the emulator on this machine/);
    expect(() => parseServerConfig({ ...demo, BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY: "yes" })).toThrow(
      /BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY/,
    );
  });

  it("gives development a non-production secret", () => {
    expect(parseServerConfig({}).NEXTAUTH_SECRET).toMatch(/development-only/);
  });

  it("refuses NEXTAUTH_URL, which would pin every store to one origin", () => {
    expect(() => parseServerConfig({ NEXTAUTH_URL: "https://shop.example" })).toThrow(/NEXTAUTH_URL/);
  });

  it("caps session lifetimes at the design's limits", () => {
    expect(parseServerConfig({})).toMatchObject({
      SESSION_ACCESS_TTL_SECONDS: 900,
      SESSION_IDLE_TIMEOUT_SECONDS: 86_400,
      SESSION_ABSOLUTE_TTL_SECONDS: 604_800,
      SESSION_REUSE_GRACE_SECONDS: 30,
    });
    expect(() => parseServerConfig({ SESSION_ACCESS_TTL_SECONDS: "901" })).toThrow(/SESSION_ACCESS_TTL_SECONDS/);
    expect(() => parseServerConfig({ SESSION_REUSE_GRACE_SECONDS: "31" })).toThrow(/SESSION_REUSE_GRACE_SECONDS/);
  });

  it("names what is wrong", () => {
    expect(() => parseServerConfig({ NODE_ENV: "staging" })).toThrow(/NODE_ENV/);
  });
});
