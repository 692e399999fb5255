import { adminInvitationSchema, inviteStoreOwner } from "@/lib/identity/invitations";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";

/** POST /api/admin/tenants/[slug]/invitations: invite a store's merchant (an owner) by email. */
export const POST = guardedRoute(
  {
    name: "admin.tenant.invite_owner",
    access: { roles: ["ADMINISTRATOR"] },
    tenantKind: "PLATFORM",
    schema: adminInvitationSchema,
  },
  async (input, { user, meta }) => {
    const { expiresAt } = await inviteStoreOwner(input, user, meta);
    return jsonNoStore({ ok: true, expiresAt: expiresAt.toISOString() }, 201);
  },
);
