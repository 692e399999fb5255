import "server-only";
import { getPlatformDb } from "@/lib/db";

export type TenantOverview = {
  slug: string;
  name: string;
  kind: "STORE" | "PLATFORM";
  status: "ACTIVE" | "SUSPENDED";
  hosts: string[];
  users: number;
  products: number;
};

/** Platform-level: every tenant with its hosts. Callers must have checked the administrator role. */
export async function listTenantOverviews(): Promise<TenantOverview[]> {
  const db = await getPlatformDb();
  const tenants = await db.tenant.findMany({
    orderBy: { name: "asc" },
    select: {
      slug: true,
      name: true,
      kind: true,
      status: true,
      domains: { select: { host: true }, orderBy: { host: "asc" } },
      _count: { select: { users: true, products: true } },
    },
  });
  return tenants.map((t) => ({
    slug: t.slug,
    name: t.name,
    kind: t.kind,
    status: t.status,
    hosts: t.domains.map((d) => d.host),
    users: t._count.users,
    products: t._count.products,
  }));
}
