import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium: Playwright's own browser download cannot run offline.
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH ||
  (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

const E2E_PORT = Number(process.env.E2E_PORT || 3100);
const EXCLUSIVE = [/attack-sim\.spec\.ts/, /isolation\.spec\.ts/];
// Side services sit beside the app ports, so a second checkout can run its own suite with another
// E2E_PORT (for example 4100) without colliding.
// fetch() refuses some ports outright ("bad port": 4190 is ManageSieve), so a side service
// never lands on one of them (E2E_PORT=4100 would otherwise put Upstash on 4190).
const FETCH_BLOCKED_PORTS = new Set([4190, 5060, 5061, 6000, 6566, 6665, 6666, 6667, 6668, 6669, 6679, 6697, 10080]);
const sidePort = (offset: number) => {
  let port = E2E_PORT + offset;
  while (FETCH_BLOCKED_PORTS.has(port)) port += 10;
  return port;
};
const UPSTASH_PORT = sidePort(90);
const STRIPE_EMULATOR_PORT = sidePort(91);
const SMTP_PORT = sidePort(92);
const MAILBOX_PORT = sidePort(93);
// Read by e2e/support/mailbox.ts in the test workers (which load this file too).
process.env.E2E_MAILBOX_PORT = String(MAILBOX_PORT);
process.env.E2E_SMTP_PASSWORD ||= `smtp-${randomBytes(12).toString("hex")}`;

// Three instances of the production build (made by scripts/run-e2e.mjs), each on a fresh copy of
// the seeded database:
//   E2E_PORT      the shop, behind one trusted proxy hop so each test can be its own client
//                 (X-Forwarded-For), rate-limited through Upstash (a real redis-server behind
//                 the REST stand-in)
//   E2E_PORT + 1  the same with a fast session clock (access 2 s, reuse grace 1 s), sharing that
//                 Redis: two app instances, one set of limits
//   E2E_PORT + 2  no trusted proxy and the in-memory limiter: what a spoofed header can't do
// The production build runs on the emulator only in the loud demo mode, with a webhook secret made
// for this run and shared with the emulator alone (as `npm start` does in demo mode).
process.env.E2E_WEBHOOK_SECRET ||= `whsec_${randomBytes(24).toString("hex")}`;
const stripe = {
  STRIPE_API_URL: `http://127.0.0.1:${STRIPE_EMULATOR_PORT}`,
  STRIPE_WEBHOOK_SECRET: process.env.E2E_WEBHOOK_SECRET,
  BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY: "1",
};
const upstash = {
  UPSTASH_REDIS_REST_URL: `http://127.0.0.1:${UPSTASH_PORT}`,
  UPSTASH_REDIS_REST_TOKEN: "e2e-upstash-token",
  RATE_LIMIT_TIMEOUT_MS: "2000",
};
const instance = (port: number, db: string, env: Record<string, string>) => ({
  command: "npx tsx scripts/e2e-server.ts",
  env: { E2E_SERVER_PORT: String(port), E2E_DB: db, MEDIA_DIR: `data/${db}-uploads`, ...stripe, ...env },
  url: `http://localhost:${port}/robots.txt`,
  reuseExistingServer: false,
  timeout: 120_000,
  stdout: "ignore" as const,
  stderr: "pipe" as const,
});

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  // Whole journeys (sign-in with argon2, checkout through the emulator) on a 2-core machine.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://localhost:${E2E_PORT}`,
    trace: "retain-on-failure",
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
      ],
    },
  },
  // The setup project enrols the demo administrator in two-step verification first (admin.setup.ts).
  // Two suites run after all the others, beside each other only: the attack simulation floods the
  // shop (a browser test beside it would time out on a starved machine, not on a defect), and the
  // isolation sweep fingerprints the second store, which other tests buy from and sign in to.
  projects: [
    { name: "setup", testMatch: /.*\.setup\.ts/, use: { ...devices["Desktop Chrome"] } },
    {
      name: "chromium",
      use: { ...devices["Desktop Chrome"] },
      dependencies: ["setup"],
      testIgnore: EXCLUSIVE,
    },
    {
      name: "after-the-rest",
      use: { ...devices["Desktop Chrome"] },
      dependencies: process.env.E2E_SUBSET ? ["setup"] : ["chromium"],
      testMatch: EXCLUSIVE,
    },
  ],
  webServer: [
    {
      command: "npx tsx scripts/e2e-upstash.ts",
      env: { E2E_UPSTASH_PORT: String(UPSTASH_PORT) },
      url: `http://127.0.0.1:${UPSTASH_PORT}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // Webhooks go to the shop instance, where the end-to-end checkouts happen.
      command: "npx tsx scripts/stripe-emulator/main.ts",
      env: {
        STRIPE_EMULATOR_PORT: String(STRIPE_EMULATOR_PORT),
        STRIPE_WEBHOOK_SECRET: process.env.E2E_WEBHOOK_SECRET,
        STRIPE_EMULATOR_WEBHOOK_URL: `http://127.0.0.1:${E2E_PORT}/api/webhooks/stripe`,
      },
      url: `http://127.0.0.1:${STRIPE_EMULATOR_PORT}/_emulator/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      // The shop instance delivers its mail here, as production does to its relay.
      command: "npx tsx scripts/e2e-mail-sink.ts",
      env: {
        E2E_SMTP_PORT: String(SMTP_PORT),
        E2E_MAILBOX_PORT: String(MAILBOX_PORT),
        E2E_SMTP_PASSWORD: process.env.E2E_SMTP_PASSWORD,
      },
      url: `http://127.0.0.1:${MAILBOX_PORT}/health`,
      reuseExistingServer: false,
      timeout: 30_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    instance(E2E_PORT, "e2e", {
      TRUSTED_PROXY_HOPS: "1",
      ...upstash,
      SMTP_URL: `smtp://shop-mailer:${encodeURIComponent(process.env.E2E_SMTP_PASSWORD)}@127.0.0.1:${SMTP_PORT}`,
      MAIL_FROM_ADDRESS: "shop@bulwark.test",
    }),
    instance(E2E_PORT + 1, "e2e-fast", {
      TRUSTED_PROXY_HOPS: "1",
      SESSION_ACCESS_TTL_SECONDS: "2",
      SESSION_REUSE_GRACE_SECONDS: "1",
      ...upstash,
    }),
    instance(E2E_PORT + 2, "e2e-strict", { TRUSTED_PROXY_HOPS: "0" }),
  ],
});
