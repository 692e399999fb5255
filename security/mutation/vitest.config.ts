import { defineConfig } from "vitest/config";
import base from "../../vitest.config";

// The tests StrykerJS runs against each mutant of the security-critical modules
// (stryker.config.mjs): the suites that exercise them, on the embedded driver only (one project,
// so a mutant is judged once). Named explicitly, since most reach the modules through services.
export const MUTATION_TEST_FILES = [
  "test/unit/rate-limit.test.ts",
  "test/unit/rate-limit-enforcement.test.ts",
  "test/unit/rate-limit-check.test.ts",
  "test/unit/middleware.test.ts",
  "test/unit/session-rotation.test.ts",
  "test/unit/session-token.test.ts",
  "test/unit/tenant-scope-rules.test.ts",
  "test/unit/identity-rules.test.ts",
  "test/unit/internal-auth.test.ts",
  "test/unit/webhook-signature.test.ts",
  "test/unit/charged-amounts.test.ts",
  "test/unit/architecture.test.ts",
  "test/integration/identity.test.ts",
  "test/integration/lockout.test.ts",
  "test/integration/session-store.test.ts",
  "test/integration/tenant-scope.test.ts",
  "test/integration/upstash-ratelimit.test.ts",
  "test/integration/checkout-and-webhooks.test.ts",
  "test/integration/stock-reservations.test.ts",
  "test/integration/payments-integrity.test.ts",
  "test/integration/receive-stripe-event.test.ts",
  "test/integration/handler-boundaries.test.ts",
  "test/integration/shipping-tax-discounts.test.ts",
  "test/integration/shipping-attacks.test.ts",
];

export default defineConfig({
  ...base,
  test: { ...base.test, projects: undefined, name: "better-sqlite3", include: MUTATION_TEST_FILES },
});
