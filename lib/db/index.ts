import "server-only";
import { getServerConfig } from "@/lib/env/server-config";
import { assertForeignKeysEnforced, createDbClient, type Db } from "./create-client";

export type { Db } from "./create-client";
export { Prisma } from "./generated/client";
import type { Prisma as PrismaTypes } from "./generated/client";

/** The client inside `db.$transaction(async (tx) => …)`. */
export type DbTransaction = PrismaTypes.TransactionClient;

// One client per process; kept on globalThis so development hot reloads do not open a new
// connection on every edit.
const globalForDb = globalThis as unknown as { bulwarkDb?: Promise<Db> };

async function connect(): Promise<Db> {
  const config = getServerConfig();
  const db = createDbClient(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  await assertForeignKeysEnforced(db);
  return db;
}

/** The platform-level client. lib/ modules are its only callers. */
export function getDb(): Promise<Db> {
  globalForDb.bulwarkDb ??= connect().catch((error: unknown) => {
    globalForDb.bulwarkDb = undefined;
    throw error;
  });
  return globalForDb.bulwarkDb;
}
