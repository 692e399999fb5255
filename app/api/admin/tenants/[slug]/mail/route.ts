import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { mailSenderSchema, setTenantMailSender } from "@/lib/tenancy/admin-tenants";

/** PUT /api/admin/tenants/[slug]/mail: the store's sender name and Reply-To (empty: the defaults). */
export const PUT = guardedRoute(
  {
    name: "admin.tenant.mail_sender",
    access: { roles: ["ADMINISTRATOR"] },
    tenantKind: "PLATFORM",
    schema: mailSenderSchema,
  },
  async (input, { user, meta }) => {
    await setTenantMailSender(input, { email: user.email, ip: meta.ip });
    return jsonNoStore({ ok: true });
  },
);
