import { getPlatformDb } from "@/lib/db";

/** Tests look at the whole database, across tenants. */
export const getDb = getPlatformDb;
import { PLATFORM, STORES } from "@/prisma/seed-data/stores";

export type SeededTenantIds = { northwind: string; lumen: string; platform: string };

/** Ids of the seeded tenants, by slug. */
export async function getTenantIds(): Promise<SeededTenantIds> {
  const db = await getDb();
  const find = async (slug: string) => (await db.tenant.findUniqueOrThrow({ where: { slug } })).id;
  return { northwind: await find("northwind"), lumen: await find("lumen"), platform: await find("platform") };
}

export const SEEDED = { stores: STORES, platform: PLATFORM };
