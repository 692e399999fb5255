#!/usr/bin/env node
// `npm run db:migrate`: `prisma migrate deploy` on DATABASE_URL, without the one warning that
// every run prints and nobody can act on (scripts/expected-warnings.mjs says why).
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { withoutExpectedPrismaWarning } from "./expected-warnings.mjs";

// The CLI's entry file, not node_modules/.bin: a packaged build (scripts/package-standalone.mjs)
// carries the package without the .bin links.
const prisma = path.resolve(import.meta.dirname, "../node_modules/prisma/build/index.js");

/** Applies pending migrations; returns the CLI's exit code. */
export function migrateDatabase(env = process.env) {
  const result = spawnSync(process.execPath, [prisma, "migrate", "deploy"], {
    env,
    encoding: "utf8",
    stdio: ["inherit", "pipe", "inherit"],
    maxBuffer: 64 * 1024 * 1024,
  });
  process.stdout.write(withoutExpectedPrismaWarning(result.stdout ?? ""));
  if (result.error) throw result.error;
  return result.status ?? 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exit(migrateDatabase());
