import type { Metadata } from "next";
import { requireRole } from "@/lib/identity/current-user";
import { listPendingInvitations } from "@/lib/identity/invitations";
import { listTeamMembers } from "@/lib/identity/team";
import { requireTenant } from "@/lib/tenancy";
import { InviteForm } from "../../../_components/invitation-controls";
import { InvitationTable } from "../../../_components/invitation-table";
import { TableHead } from "../../../_components/table-head";
import { TeamMemberControls } from "../_components/team-member-controls";

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: "Team · Dashboard", robots: { index: false } };

// Every merchant of the store sees its team; only owners get the controls (and only owners get
// past the guard of the routes behind them).
export default async function TeamPage({ params }: Props) {
  const tenant = await requireTenant((await params).host);
  const user = await requireRole(tenant, ["MERCHANT"], "/dashboard/team");
  const owner = user.storeRole === "OWNER";
  const [members, invitations] = await Promise.all([listTeamMembers(tenant.id), listPendingInvitations(tenant.id)]);
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-2xl font-bold">Team</h1>
        <p className="text-sm text-stone-600">
          Owners run the team and the shop; staff run the shop. You are {owner ? "an owner" : "staff"}.
        </p>
      </div>
      <section aria-labelledby="members-heading" className="space-y-2">
        <h2 id="members-heading" className="text-xl font-semibold">
          Members
        </h2>
        <table className="w-full bg-white text-left text-sm" data-testid="team-members">
          <TableHead columns={["Name", "Email", "Role", "Joined (UTC)", ...(owner ? ["Actions"] : [])]} />
          <tbody>
            {members.map((member) => (
              <tr key={member.id} className="border-t border-stone-200">
                <td className="p-3">{member.name}</td>
                <td className="p-3">{member.email}</td>
                <td className="p-3">{member.storeRole.toLowerCase()}</td>
                <td className="p-3 whitespace-nowrap">{member.joinedAt?.toISOString().slice(0, 10) ?? ""}</td>
                {owner ? (
                  <td className="p-3">
                    <TeamMemberControls id={member.id} email={member.email} storeRole={member.storeRole} />
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="invitations-heading" className="space-y-2">
        <h2 id="invitations-heading" className="text-xl font-semibold">
          Pending invitations
        </h2>
        {owner ? <InviteForm endpoint="/api/dashboard/team/invitations" roles /> : null}
        <InvitationTable
          invitations={invitations}
          {...(owner ? { revokeUrl: (id: string) => `/api/dashboard/team/invitations/${id}` } : {})}
        />
      </section>
    </div>
  );
}
