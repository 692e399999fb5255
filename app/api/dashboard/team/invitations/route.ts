import { inviteTeamMember, teamInvitationSchema } from "@/lib/identity/invitations";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";

/** POST /api/dashboard/team/invitations: an owner invites someone to the team as owner or staff. */
export const POST = guardedRoute(
  {
    name: "dashboard.team.invite",
    access: { roles: ["MERCHANT"], storeRoles: ["OWNER"] },
    schema: teamInvitationSchema,
  },
  async (input, { tenant, user, meta }) => {
    const { expiresAt } = await inviteTeamMember(tenant, input, user, meta);
    return jsonNoStore({ ok: true, expiresAt: expiresAt.toISOString() }, 201);
  },
);
