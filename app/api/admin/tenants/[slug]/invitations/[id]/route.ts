import { adminInvitationIdSchema, revokeStoreInvitation } from "@/lib/identity/invitations";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";

/** DELETE /api/admin/tenants/[slug]/invitations/[id]: withdraw a store's pending invitation. */
export const DELETE = guardedRoute(
  {
    name: "admin.tenant.revoke_invitation",
    access: { roles: ["ADMINISTRATOR"] },
    tenantKind: "PLATFORM",
    schema: adminInvitationIdSchema,
  },
  async (input, { user, meta }) => {
    await revokeStoreInvitation(input, user, meta);
    return jsonNoStore({ ok: true });
  },
);
