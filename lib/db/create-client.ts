import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { PrismaClient } from "./generated/client";
import { resolveDatabaseTarget, type DatabaseTarget } from "./database-url";

export type Db = PrismaClient;

function createAdapter(target: DatabaseTarget) {
  if (target.driver === "better-sqlite3") {
    // A busy timeout lets concurrent writers (checkout, webhooks) queue instead of failing.
    return new PrismaBetterSQLite3({ url: target.file, timeout: 5000 });
  }
  return new PrismaLibSQL({ url: target.url, ...(target.authToken ? { authToken: target.authToken } : {}) });
}

/** Creates a client for DATABASE_URL-style `url`; callers own its lifetime. */
export function createDbClient(url: string, authToken?: string): Db {
  return new PrismaClient({ adapter: createAdapter(resolveDatabaseTarget(url, authToken)) });
}

/**
 * Composite foreign keys are the tenant boundary of last resort, and SQLite enforces them only
 * when the connection enables them. Refuse to serve on a connection where they are off.
 */
export async function assertForeignKeysEnforced(db: Db): Promise<void> {
  const rows = await db.$queryRawUnsafe<Array<{ foreign_keys: number | bigint }>>("PRAGMA foreign_keys");
  if (Number(rows[0]?.foreign_keys) !== 1) {
    throw new Error("SQLite foreign keys are disabled on this connection; refusing to start.");
  }
}
