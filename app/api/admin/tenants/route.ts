import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { createTenant, createTenantSchema } from "@/lib/tenancy/admin-tenants";

/** POST /api/admin/tenants: an administrator opens a new store on its first host. */
export const POST = guardedRoute(
  {
    name: "admin.tenant.create",
    access: { roles: ["ADMINISTRATOR"] },
    tenantKind: "PLATFORM",
    schema: createTenantSchema,
  },
  async (input, { user, meta }) => jsonNoStore(await createTenant(input, { email: user.email, ip: meta.ip })),
);
