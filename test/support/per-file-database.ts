import { copyFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, inject } from "vitest";

// Every test file gets its own copy of the seeded base database, so files can write freely and
// run in parallel. lib/db reads DATABASE_URL when it first connects; its scheme picks the driver
// the project runs on (better-sqlite3 or libSQL, see vitest.config.ts).
const file = path.join(tmpdir(), `bulwark-test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.db`);
copyFileSync(inject("baseDatabase"), file);
process.env.DATABASE_URL = `${inject("databaseScheme")}${file}`;

const globalForDb = globalThis as unknown as { bulwarkDb?: Promise<{ $disconnect(): Promise<void> }> };
globalForDb.bulwarkDb = undefined;

afterAll(async () => {
  const db = globalForDb.bulwarkDb;
  globalForDb.bulwarkDb = undefined;
  await (await db)?.$disconnect();
  for (const suffix of ["", "-journal", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
});
