import { z } from "zod";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { setTenantStatus } from "@/lib/tenancy/admin-tenants";

const schema = z.object({ slug: z.string().min(1).max(40), status: z.enum(["ACTIVE", "SUSPENDED"]) }).strict();

/** PATCH /api/admin/tenants/[slug]: suspend a store (it disappears at once) or reopen it. */
export const PATCH = guardedRoute(
  { name: "admin.tenant.status", access: { roles: ["ADMINISTRATOR"] }, tenantKind: "PLATFORM", schema },
  async (input, { user, meta }) => {
    await setTenantStatus(input.slug, input.status, { email: user.email, ip: meta.ip });
    return jsonNoStore({ ok: true });
  },
);
