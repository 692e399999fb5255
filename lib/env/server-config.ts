import "server-only";
import { z } from "zod";
import { edgeConfigShape } from "./edge-config";
import { NON_PRODUCTION_FALLBACK_SECRET } from "./session-secret";

/**
 * The one schema for the server's environment. Every variable the application reads is listed
 * here with its default; README's configuration table mirrors it. Nothing from here reaches the
 * browser.
 */
function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "127.0.0.1" || host === "localhost" || host === "[::1]";
}

const seconds = (fallback: number, max: number) => z.coerce.number().int().min(1).max(max).default(fallback);

const serverConfigObject = z.object({
  ...edgeConfigShape,
  DATABASE_URL: z.string().min(1).default("file:./data/dev.db"),
  DATABASE_AUTH_TOKEN: z.string().min(1).optional(),
  // Encrypts session cookies. `npm run dev` generates one per checkout; production must set it.
  NEXTAUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  // next-auth would pin every store to one origin; Bulwark derives it from each request's host.
  NEXTAUTH_URL: z.undefined({ error: "must not be set: each store's origin comes from its validated host" }).optional(),
  SESSION_ACCESS_TTL_SECONDS: seconds(15 * 60, 15 * 60),
  SESSION_IDLE_TIMEOUT_SECONDS: seconds(24 * 3600, 24 * 3600),
  SESSION_ABSOLUTE_TTL_SECONDS: seconds(7 * 24 * 3600, 7 * 24 * 3600),
  SESSION_REUSE_GRACE_SECONDS: seconds(30, 30),
  // Stripe: real keys for real payments; without them development and tests use the local
  // emulator (scripts/stripe-emulator) at STRIPE_API_URL.
  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_(test|live)_\w+$/, "must be a Stripe secret key (sk_test_…, sk_live_…)")
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_\w+$/, "must be a Stripe webhook secret (whsec_…)")
    .optional(),
  STRIPE_API_URL: z.url().optional(),
  // The one way to run a production build without real payments: checkout goes to the local
  // Stripe emulator, no money moves, and every console page says so. Named so nobody sets it
  // by accident.
  BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY: z.enum(["1"]).optional(),
  // The administration console's host (one host, no port). Development and tests default to
  // admin.localhost; production has no default: without it no host serves the console.
  PLATFORM_HOST: z
    .string()
    .regex(/^[a-z0-9.-]+$/i, "must be a host name such as admin.example.com (no scheme, no port)")
    .optional(),
  // Mail delivery: smtp://user:password@host:587 (STARTTLS when offered) or smtps://…:465. It
  // holds a password: never logged (lib/mail/smtp-transport.ts redacts it). Without it, mail
  // stays in the outbox (development: /dev/mailbox); production refuses to start without it.
  SMTP_URL: z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL" }).optional(),
  // The address every store sends from (the one your relay may send for); each store sets its
  // own display name and Reply-To. Required in production with SMTP_URL.
  MAIL_FROM_ADDRESS: z.email("must be an email address").optional(),
  // Where uploaded images are kept (outside public/).
  MEDIA_DIR: z.string().min(1).default("data/uploads"),
  // Tests run quietly; set to 1 to see the structured log lines while they run.
  BULWARK_LOG_IN_TESTS: z.enum(["1"]).optional(),
  // `npm run bench` only: 1 serves the two reference pages it measures against (/bench/trivial,
  // and /bench/in-layout inside the store layout); otherwise they answer 404.
  BULWARK_BENCH_PAGES: z.enum(["1"]).optional(),
});

/** Every variable the server (and, through edge-config.ts, the middleware) reads. */
export const SERVER_CONFIG_KEYS = Object.keys(serverConfigObject.shape);

const serverConfigSchema = serverConfigObject.superRefine((config, ctx) => {
  if (config.NODE_ENV === "production" && !config.NEXTAUTH_SECRET) {
    ctx.addIssue({ code: "custom", path: ["NEXTAUTH_SECRET"], message: "is required in production" });
  }
  if (config.NODE_ENV !== "production") return;
  const demo = config.BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY === "1";
  // Registration, password resets and guest order links depend on mail: a production store that
  // cannot send it is broken for every new customer. Demo mode (nothing real happens there)
  // keeps mail in the outbox instead, and says so at start.
  if (!config.SMTP_URL && !demo) {
    ctx.addIssue({
      code: "custom",
      path: ["SMTP_URL"],
      message: "is required in production: account confirmations, password resets and order links are sent by mail",
    });
  }
  if (config.SMTP_URL && !config.MAIL_FROM_ADDRESS) {
    ctx.addIssue({ code: "custom", path: ["MAIL_FROM_ADDRESS"], message: "is required in production with SMTP_URL" });
  }
  // A webhook secret is never a published constant in production, demo or not: in demo mode
  // the launcher makes a random one per boot and shares it only with the emulator.
  if (!config.STRIPE_WEBHOOK_SECRET)
    ctx.addIssue({ code: "custom", path: ["STRIPE_WEBHOOK_SECRET"], message: "is required in production" });
  if (!demo && (!config.STRIPE_SECRET_KEY || config.STRIPE_API_URL)) {
    ctx.addIssue({
      code: "custom",
      path: ["STRIPE_SECRET_KEY"],
      message:
        "is required in production, with STRIPE_API_URL unset (or set BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY=1 to run on the local Stripe emulator, where no money moves)",
    });
  }
  if (demo && config.STRIPE_API_URL && !isLoopbackUrl(config.STRIPE_API_URL)) {
    ctx.addIssue({
      code: "custom",
      path: ["STRIPE_API_URL"],
      message: "must point at the emulator on this machine (127.0.0.1, localhost or [::1]) in demo mode",
    });
  }
});

export type ServerConfig = Omit<z.infer<typeof serverConfigSchema>, "NEXTAUTH_SECRET"> & { NEXTAUTH_SECRET: string };

let cached: ServerConfig | undefined;

export function parseServerConfig(env: Record<string, string | undefined>): ServerConfig {
  const result = serverConfigSchema.safeParse(env);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  // Tests and scripts that never set a secret get a fixed, obviously non-production one.
  return { ...result.data, NEXTAUTH_SECRET: result.data.NEXTAUTH_SECRET ?? NON_PRODUCTION_FALLBACK_SECRET };
}

/** The console's host: PLATFORM_HOST, or admin.localhost outside production; null if none. */
export function getPlatformHost(config: ServerConfig = getServerConfig()): string | null {
  const host = config.PLATFORM_HOST ?? (config.NODE_ENV === "production" ? undefined : "admin.localhost");
  return host ? host.toLowerCase() : null;
}

export function getServerConfig(): ServerConfig {
  cached ??= parseServerConfig(process.env);
  return cached;
}

/** Tests that start the server's own loops (the mail worker) change the environment first. */
export function resetServerConfigForTests(): void {
  cached = undefined;
}
