// Mutation testing of the security-critical modules (issue 13): `npm run mutate` runs them all
// (long: hours on two cores); `npm run mutate -- --mutate <file>` runs one. The JSON report is
// committed under security/mutation/ and `npm run verify` puts its scores in the security report.
/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
const config = {
  testRunner: "vitest",
  plugins: ["@stryker-mutator/vitest-runner"],
  vitest: { configFile: "security/mutation/vitest.config.ts", related: false },
  mutate: [
    "lib/guard/guard.ts",
    "lib/db/tenant-scope.ts",
    "lib/identity/session-rotation.ts",
    "lib/identity/session-store.ts",
    "lib/identity/session-token.ts",
    "lib/identity/password.ts",
    "lib/identity/lockout.ts",
    "lib/rate-limit/enforce.ts",
    "lib/rate-limit/limiter.ts",
    "lib/payments/webhook-signature.ts",
    "lib/orders/apply-stripe-event.ts",
    "lib/orders/receive-stripe-event.ts",
    "lib/orders/charged-amounts.ts",
    "lib/checkout/reservations.ts",
  ],
  coverageAnalysis: "perTest",
  // Two shared cores: one test runner at a time.
  concurrency: 1,
  timeoutMS: 60_000,
  reporters: ["clear-text", "progress", "json"],
  jsonReporter: { fileName: "security/mutation/report.json" },
  ignorePatterns: [
    ".next",
    ".next-e2e",
    "data",
    "reports",
    "test-results",
    "playwright-report",
    "security/mutation/report.json",
  ],
  tempDirName: ".stryker-tmp",
  cleanTempDir: true,
};

export default config;
