import Database from "better-sqlite3";
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

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
 * A migrated and seeded SQLite file, built once and reused until migrations or seed data change.
 * Each test file (and each Playwright run) works on its own copy of it.
 */
export function ensureBaseDatabase(): string {
  const dir = path.join(root, "data");
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `test-base-${inputsDigest()}.db`);
  if (existsSync(file)) return file;
  for (const old of readdirSync(dir).filter((f) => f.startsWith("test-base-"))) rmSync(path.join(dir, old));
  const building = `${file}.building-${process.pid}`;
  const env = { ...process.env, DATABASE_URL: `file:${building}`, NEXT_TELEMETRY_DISABLED: "1" };
  const bin = (name: string) => path.join(root, "node_modules/.bin", name);
  execFileSync(bin("prisma"), ["migrate", "deploy"], { cwd: root, env, stdio: "pipe" });
  execFileSync(bin("tsx"), ["--conditions=react-server", "prisma/seed.ts"], { cwd: root, env, stdio: "pipe" });
  // The app's client switches every file it opens to WAL; the base is handed out in rollback-journal
  // mode with nothing left in a -wal file, so a plain copy is complete and tests see the switch.
  const base = new Database(building);
  base.pragma("wal_checkpoint(TRUNCATE)");
  base.pragma("journal_mode = DELETE");
  base.close();
  renameSync(building, file);
  return file;
}
