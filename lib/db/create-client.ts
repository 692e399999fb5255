import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "./generated/client";
import { serializeConnections } from "./serialized-sqlite";
import { resolveDatabaseTarget, type DatabaseTarget } from "./database-url";

export type Db = PrismaClient;

/**
 * WAL lets readers in other processes (scripts, a second instance) read while we commit instead
 * of making COMMIT fail with SQLITE_BUSY; NORMAL sync is durable in WAL mode except on power loss
 * of the last commits, which SQLite documents as the usual WAL setting. An in-memory database
 * has no WAL.
 */
async function configureConnection(adapter: SqlDriverAdapter, file: string): Promise<void> {
  if (file === ":memory:") return;
  await adapter.executeScript("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
}

function createAdapter(target: DatabaseTarget) {
  if (target.driver === "better-sqlite3") {
    // Inside this process every statement goes through one lock; writers of other processes are
    // waited for asynchronously (lib/db/serialized-sqlite.ts). The driver's own busy wait blocks
    // the event loop, so it is kept short.
    return serializeConnections(new PrismaBetterSQLite3({ url: target.file, timeout: 50 }), (adapter) =>
      configureConnection(adapter, target.file),
    );
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
