#!/usr/bin/env node
// Brings DATABASE_URL up to date before the app starts: applies pending migrations and — for
// `npm run dev` and `npm run db:reset` only, never `npm start` — seeds the demo stores into a
// database without any. `--reset` deletes a local SQLite file (file: or libsql+file:) first.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrateDatabase } from "./migrate-database.mjs";

/** Reads the env files Next.js reads, so the CLI migrates the database the app will open. */
export function loadEnvFiles() {
  for (const file of [".env.local", ".env"]) if (existsSync(file)) process.loadEnvFile(file);
}

export function prepareDatabase({ reset = false, demo = false } = {}) {
  const url = (process.env.DATABASE_URL ??= "file:./data/dev.db");
  const run = (command, args) => execFileSync(command, args, { stdio: "inherit", env: process.env });
  // `file:` (better-sqlite3) and `libsql+file:` (libSQL) are both a local file we may create or delete.
  const local = /^(?:libsql\+)?file:(.+)$/.exec(url)?.[1];
  if (local) {
    const file = path.resolve(local);
    mkdirSync(path.dirname(file), { recursive: true });
    if (reset) for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  } else if (reset) {
    throw new Error(`--reset only deletes local file: databases; refusing to touch ${url.split(":")[0]}:`);
  }
  const migrated = migrateDatabase(process.env);
  if (migrated !== 0) throw new Error(`prisma migrate deploy failed (exit ${migrated})`);
  if (!demo) return;
  run("node_modules/.bin/tsx", [
    "--conditions=react-server",
    "prisma/seed.ts",
    "--demo",
    ...(reset ? [] : ["--if-empty"]),
  ]);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  loadEnvFiles();
  // db:reset is the development reset: migrations, then the demo stores.
  prepareDatabase({ reset: process.argv.includes("--reset"), demo: true });
}
