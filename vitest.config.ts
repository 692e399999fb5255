import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

// The integration suite's core flows — catalog, cart, checkout with webhooks and concurrent stock,
// sign-in and sessions, tenant isolation, mail delivery's claims — run a second time on libSQL (`libsql+file:`, the
// scale-out driver), on a database made by the README's own `npm run db:migrate` and
// `npm run db:seed` (test/support/base-database.ts).
const LIBSQL_CORE_FLOWS = [
  "test/integration/catalog.test.ts",
  "test/integration/data-cache.test.ts",
  // Issue 16: an Active product keeps a priced option under parallel deletes and activations.
  "test/integration/catalog-management.test.ts",
  "test/integration/cart.test.ts",
  "test/integration/checkout-and-webhooks.test.ts",
  "test/integration/identity.test.ts",
  "test/integration/tenant-scope.test.ts",
  "test/integration/driver.test.ts",
  // Claims are compare-and-set updates: checked on the scale-out driver too.
  "test/integration/mail-delivery.test.ts",
  "test/integration/mail-claims-and-safety.test.ts",
  // Single-use invitations and "a store keeps an owner" under parallel requests.
  "test/integration/onboarding.test.ts",
  // Refund holds are compare-and-set updates: ten parallel refunds on the scale-out driver too.
  "test/integration/order-fulfilment.test.ts",
];

export default defineConfig({
  resolve: {
    alias: {
      "@": root,
      // lib/ modules guard themselves with `import "server-only"`, which throws outside React's
      // server build; tests run the server code directly, so it resolves to an empty module.
      "server-only": path.join(root, "test/support/server-only.ts"),
    },
  },
  test: {
    environment: "node",
    pool: "forks",
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/edge-globals.ts", "test/support/per-file-database.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Project names are the drivers test/support/global-setup.ts builds a database for.
    projects: [
      { extends: true, test: { name: "better-sqlite3", include: ["test/**/*.test.ts"] } },
      { extends: true, test: { name: "libsql", include: LIBSQL_CORE_FLOWS } },
    ],
  },
});
