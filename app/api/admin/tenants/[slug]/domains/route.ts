import { z } from "zod";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { addTenantDomain, createTenantSchema } from "@/lib/tenancy/admin-tenants";

const schema = z.object({ slug: z.string().min(1).max(40), host: createTenantSchema.shape.host }).strict();

/** POST /api/admin/tenants/[slug]/domains: another host the store answers on. */
export const POST = guardedRoute(
  { name: "admin.tenant.domain", access: { roles: ["ADMINISTRATOR"] }, tenantKind: "PLATFORM", schema },
  async (input, { user, meta }) => {
    await addTenantDomain(input.slug, input.host, { email: user.email, ip: meta.ip });
    return jsonNoStore({ ok: true });
  },
);
