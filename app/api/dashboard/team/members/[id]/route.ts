import { changeMemberRole, memberIdSchema, memberRoleSchema, removeMember } from "@/lib/identity/team";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

const access = { roles: ["MERCHANT" as const], storeRoles: ["OWNER" as const] };

/** PATCH /api/dashboard/team/members/[id]: an owner makes a member an owner or staff. */
export const PATCH = guardedRoute(
  { name: "dashboard.team.change_role", access, schema: memberRoleSchema },
  async (input, { db, tenant, user, meta }) => {
    await changeMemberRole(db, toAuditActor(user, tenant), input, meta);
    return jsonNoStore({ ok: true });
  },
);

/** DELETE /api/dashboard/team/members/[id]: an owner takes someone off the team; their sessions end. */
export const DELETE = guardedRoute(
  { name: "dashboard.team.remove", access, schema: memberIdSchema },
  async (input, { db, tenant, user, meta }) => {
    await removeMember(db, toAuditActor(user, tenant), input.id, meta);
    return jsonNoStore({ ok: true });
  },
);
