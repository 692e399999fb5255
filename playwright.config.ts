import { existsSync } from "node:fs";
import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium: Playwright's own browser download cannot run offline.
const executablePath =
  process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH ||
  (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

const E2E_PORT = Number(process.env.E2E_PORT || 3100);
// A second instance with a fast session clock (2 s access, 1 s grace) for the session tests.
const FAST_SESSION_PORT = E2E_PORT + 1;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  timeout: 30_000,
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
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"] } }],
  // The production build (made by scripts/run-e2e.mjs), each instance on a fresh copy of the
  // seeded database.
  webServer: [
    {
      command: "npx tsx scripts/e2e-server.ts",
      env: { E2E_SERVER_PORT: String(E2E_PORT), E2E_DB: "e2e" },
      url: `http://localhost:${E2E_PORT}/robots.txt`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
    {
      command: "npx tsx scripts/e2e-server.ts",
      env: {
        E2E_SERVER_PORT: String(FAST_SESSION_PORT),
        E2E_DB: "e2e-fast",
        SESSION_ACCESS_TTL_SECONDS: "2",
        SESSION_REUSE_GRACE_SECONDS: "1",
      },
      url: `http://localhost:${FAST_SESSION_PORT}/robots.txt`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "ignore",
      stderr: "pipe",
    },
  ],
});
