import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

/** The drivers the suite runs on, and the DATABASE_URL scheme that selects each (lib/db/database-url.ts). */
export const DATABASE_SCHEMES = { "better-sqlite3": "file:", libsql: "libsql+file:" } as const;
export type TestDriver = keyof typeof DATABASE_SCHEMES;

/** Files whose change means the base database must be rebuilt. */
function inputsDigest(): string {
  const hash = createHash("sha256").update("base-in-rollback-journal-mode");
  const migrations = path.join(root, "prisma/migrations");
  const files = readdirSync(migrations, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name))
    .concat(["prisma/seed-demo-data.ts", "prisma/seed-data/stores.ts"].map((f) => path.join(root, f)))
    .sort();
  for (const file of files) hash.update(file).update(readFileSync(file));
  return hash.digest("hex").slice(0, 16);
}

/**
 * The commands that migrate and seed a database: the README's own (`npm run db:migrate`, then
 * `npm run db:seed -- --demo`), so the libSQL run proves the documented scale-out recipe, not a variant.
 */
export const MIGRATE_AND_SEED = [
  ["npm", "run", "--silent", "db:migrate"],
  ["npm", "run", "--silent", "db:seed", "--", "--demo"],
] as const;

/**
 * A migrated and seeded SQLite file, built once per driver and reused until migrations or seed
 * data change. Each test file (and each Playwright run) works on its own copy of it.
 */
export function ensureBaseDatabase(driver: TestDriver = "better-sqlite3"): string {
  const dir = path.join(root, "data");
  mkdirSync(dir, { recursive: true });
  const prefix = driver === "better-sqlite3" ? "test-base-" : `test-${driver}-base-`;
  const file = path.join(dir, `${prefix}${inputsDigest()}.db`);
  if (existsSync(file)) return file;
  for (const old of readdirSync(dir).filter((f) => f.startsWith(prefix))) rmSync(path.join(dir, old));
  const building = `${file}.building-${process.pid}`;
  const env = { ...process.env, DATABASE_URL: `${DATABASE_SCHEMES[driver]}${building}`, NEXT_TELEMETRY_DISABLED: "1" };
  for (const [command, ...args] of MIGRATE_AND_SEED) execFileSync(command, args, { cwd: root, env, stdio: "pipe" });
  // The app's client switches every file it opens to WAL; the base is handed out in rollback-journal
  // mode with nothing left in a -wal file, so a plain copy is complete and tests see the switch.
  const base = new Database(building);
  base.pragma("wal_checkpoint(TRUNCATE)");
  base.pragma("journal_mode = DELETE");
  base.close();
  renameSync(building, file);
  return file;
}
