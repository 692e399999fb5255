import { invitationIdSchema, revokeInvitation } from "@/lib/identity/invitations";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** DELETE /api/dashboard/team/invitations/[id]: an owner withdraws a pending invitation. */
export const DELETE = guardedRoute(
  {
    name: "dashboard.team.revoke_invitation",
    access: { roles: ["MERCHANT"], storeRoles: ["OWNER"] },
    schema: invitationIdSchema,
  },
  async (input, { tenant, user, meta }) => {
    await revokeInvitation(tenant.id, input.id, toAuditActor(user, tenant), meta);
    return jsonNoStore({ ok: true });
  },
);
