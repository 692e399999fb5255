// Starts the production build for Playwright on its own fresh copy of the seeded test database.
// E2E_SERVER_PORT and E2E_DB name the instance; any other variables (session lifetimes) pass on.
import { spawn } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { ensureBaseDatabase } from "../test/support/base-database";

const port = process.env.E2E_SERVER_PORT || "3100";
const file = path.resolve(`data/${process.env.E2E_DB || "e2e"}.db`);
for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
copyFileSync(ensureBaseDatabase(), file);
if (process.env.MEDIA_DIR) rmSync(path.resolve(process.env.MEDIA_DIR), { recursive: true, force: true });

const child = spawn("node", ["scripts/server.mjs"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    PORT: port,
    DATABASE_URL: `file:${file}`,
    NEXTAUTH_SECRET: process.env.NEXTAUTH_SECRET || "e2e-only-secret-0123456789abcdef0123456789",
    NEXT_DIST_DIR: process.env.NEXT_DIST_DIR || ".next-e2e",
    NEXT_TELEMETRY_DISABLED: "1",
    // Production has no default console host.
    PLATFORM_HOST: process.env.PLATFORM_HOST || "admin.localhost",
  },
});
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));
