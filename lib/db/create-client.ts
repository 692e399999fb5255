import "server-only";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import type { SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaClient } from "./generated/client";
import { serializeConnections } from "./serialized-sqlite";
import { resolveDatabaseTarget, type DatabaseTarget } from "./database-url";

export type Db = PrismaClient;

/**
 * WAL lets readers (other requests, scripts, a second instance) read while a write commits
 * instead of waiting on the rollback journal, and makes COMMIT fail with SQLITE_BUSY less often;
 * NORMAL sync is durable in WAL mode except on power loss of the last commits, which SQLite
 * documents as the usual WAL setting. The mode is stored in the database file; the rest is per
 * connection.
 *
 * Checkpoint policy: SQLite copies the WAL back into the database (a passive checkpoint) on the
 * commit that takes it past 1000 pages (4 MB); after a checkpoint the WAL file is cut back to
 * 64 MB at most, so a burst of writes does not leave a large file behind. Reads here are short,
 * so a checkpoint is never starved for long. An in-memory database has no WAL.
 */
const CONNECTION_PRAGMAS = [
  "PRAGMA journal_mode = WAL",
  "PRAGMA synchronous = NORMAL",
  "PRAGMA wal_autocheckpoint = 1000",
  "PRAGMA journal_size_limit = 67108864",
];

async function configureConnection(adapter: SqlDriverAdapter, file: string): Promise<void> {
  if (file === ":memory:") return;
  // One at a time, as queries: these pragmas answer a row, which libSQL's script runner refuses.
  for (const sql of CONNECTION_PRAGMAS) await adapter.queryRaw({ sql, args: [], argTypes: [] });
}

/** A libSQL file opened locally gets the same settings; a libSQL server or Turso manages its own. */
function configureLocalLibsql(factory: SqlDriverAdapterFactory, url: string): SqlDriverAdapterFactory {
  if (!url.startsWith("file:")) return factory;
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    async connect() {
      const adapter = await factory.connect();
      await configureConnection(adapter, url.slice("file:".length));
      return adapter;
    },
  };
}

function createAdapter(target: DatabaseTarget): SqlDriverAdapterFactory {
  if (target.driver === "better-sqlite3") {
    // Inside this process every statement goes through one lock; writers of other processes are
    // waited for asynchronously (lib/db/serialized-sqlite.ts). The driver's own busy wait blocks
    // the event loop, so it is kept short.
    return serializeConnections(new PrismaBetterSQLite3({ url: target.file, timeout: 50 }), (adapter) =>
      configureConnection(adapter, target.file),
    );
  }
  return configureLocalLibsql(
    new PrismaLibSQL({ url: target.url, ...(target.authToken ? { authToken: target.authToken } : {}) }),
    target.url,
  );
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
