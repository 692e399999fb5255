import type { PendingInvitation } from "@/lib/identity/invitations";
import { RevokeInvitationButton } from "./invitation-controls";
import { TableHead } from "./table-head";

const day = (date: Date) => date.toISOString().slice(0, 10);

/** Pending invitations of a store; with `revokeUrl`, each can be withdrawn. */
export function InvitationTable({
  invitations,
  revokeUrl,
}: {
  invitations: PendingInvitation[];
  revokeUrl?: (id: string) => string;
}) {
  if (invitations.length === 0) return <p className="text-sm text-stone-600">No pending invitations.</p>;
  return (
    <table className="w-full bg-white text-left text-sm" data-testid="pending-invitations">
      <TableHead
        columns={["Email", "Role", "Invited by", "Sent (UTC)", "Expires (UTC)", ...(revokeUrl ? ["Actions"] : [])]}
      />
      <tbody>
        {invitations.map((invitation) => (
          <tr key={invitation.id} className="border-t border-stone-200">
            <td className="p-3">{invitation.email}</td>
            <td className="p-3">{invitation.storeRole.toLowerCase()}</td>
            <td className="p-3">{invitation.invitedBy}</td>
            <td className="p-3 whitespace-nowrap">{day(invitation.createdAt)}</td>
            <td className="p-3 whitespace-nowrap">{day(invitation.expiresAt)}</td>
            {revokeUrl ? (
              <td className="p-3">
                <RevokeInvitationButton url={revokeUrl(invitation.id)} email={invitation.email} />
              </td>
            ) : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
