import path from "node:path";
import { defineConfig } from "vitest/config";

const root = import.meta.dirname;

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
    include: ["test/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    globalSetup: ["test/support/global-setup.ts"],
    setupFiles: ["test/support/edge-globals.ts", "test/support/per-file-database.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
