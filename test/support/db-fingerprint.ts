import Database from "better-sqlite3";
import { createHash } from "node:crypto";

// A hash of every row of every table, read straight from this test file's SQLite copy, so a test
// can say "nothing was written" without trusting the code under test to report it.

/** Tables that refusals are meant to write: the security log, its alerts and blocks. */
export const SECURITY_LOG_TABLES = ["SecurityEvent", "SecurityAlert", "SecurityBlock"];

function databaseFile(): string {
  const url = process.env.DATABASE_URL ?? "";
  if (!url.startsWith("file:")) throw new Error(`fingerprints read a SQLite file, not ${url}`);
  return url.slice("file:".length);
}

/** Per table (the security log aside), a hash of its rows: compare two to find what changed. */
export function fingerprintDatabase(except: string[] = SECURITY_LOG_TABLES): Record<string, string> {
  const db = new Database(databaseFile(), { readonly: true, fileMustExist: true });
  try {
    // The full-text index (a virtual table and its shadow tables, some without rowids) mirrors
    // Product, which is fingerprinted itself.
    const tables = db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_prisma%'
           AND sql NOT LIKE 'CREATE VIRTUAL TABLE%' AND name NOT IN (
             SELECT v.name || s.suffix FROM sqlite_master v,
               (SELECT '_data' AS suffix UNION ALL SELECT '_idx' UNION ALL SELECT '_content'
                UNION ALL SELECT '_docsize' UNION ALL SELECT '_config') s
             WHERE v.sql LIKE 'CREATE VIRTUAL TABLE%')`,
      )
      .all() as { name: string }[];
    const result: Record<string, string> = {};
    for (const { name } of tables) {
      if (except.includes(name)) continue;
      const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).raw().all();
      result[name] = createHash("sha256")
        .update(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? String(v) : v)))
        .digest("hex");
    }
    return result;
  } finally {
    db.close();
  }
}

/** The tables whose rows differ between two fingerprints. */
export function listChangedTables(before: Record<string, string>, after: Record<string, string>): string[] {
  return Object.keys({ ...before, ...after }).filter((table) => before[table] !== after[table]);
}
