import "server-only";
import { getServerConfig } from "@/lib/env/server-config";
import { assertForeignKeysEnforced, createDbClient, type Db } from "./create-client";
import { scopeOperation, TenantScopeViolation } from "./tenant-scope";
import type { Prisma as PrismaTypes } from "./generated/client";

export type { Db } from "./create-client";
export { Prisma } from "./generated/client";
export { TenantScopeViolation } from "./tenant-scope";
export { cachedQuery, catalogTag, invalidateTags, TENANT_HOSTS_TAG } from "./data-cache";

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

/**
 * The platform-level client, not scoped to any tenant. Only for what is platform-wide by nature:
 * resolving a host, credential and token look-ups by hash (whose owner is then checked), Stripe
 * events, the security log, and the administrator console.
 */
export function getPlatformDb(): Promise<Db> {
  globalForDb.bulwarkDb ??= connect().catch((error: unknown) => {
    globalForDb.bulwarkDb = undefined;
    throw error;
  });
  return globalForDb.bulwarkDb;
}

function refuseRaw(): never {
  throw new TenantScopeViolation("raw queries are refused on a tenant client");
}

export function scopeClient(base: Db, tenantId: string) {
  return base.$extends({
    name: "tenant-scope",
    query: {
      $allModels: {
        async $allOperations({ model, operation, args, query }) {
          return query(
            scopeOperation(model, operation, args as Record<string, unknown> | undefined, tenantId) as typeof args,
          );
        },
      },
      $queryRaw: refuseRaw,
      $executeRaw: refuseRaw,
      $queryRawUnsafe: refuseRaw,
      $executeRawUnsafe: refuseRaw,
    },
  });
}

export type TenantDb = ReturnType<typeof scopeClient>;

const tenantClients = new Map<string, TenantDb>();

/** A client bound to one tenant: every operation on a tenant-owned model is scoped to it. */
export async function getTenantDb(tenantId: string): Promise<TenantDb> {
  if (!tenantId) throw new TenantScopeViolation("no tenant");
  const base = await getPlatformDb();
  let client = tenantClients.get(tenantId);
  if (!client) {
    client = scopeClient(base, tenantId);
    if (tenantClients.size > 1000) tenantClients.clear();
    tenantClients.set(tenantId, client);
  }
  return client;
}
