import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireRole } from "@/lib/identity/current-user";
import { listStoreInvitations } from "@/lib/identity/invitations";
import { getTenantDetail } from "@/lib/tenancy/admin-tenants";
import { recordPageMiss } from "@/lib/telemetry/page-miss";
import { requireTenant } from "@/lib/tenancy";
import { TenantControls, UserControls } from "../../_components/admin-actions";
import { MailSenderForm } from "../../_components/mail-sender-form";
import { InviteForm } from "../../../../_components/invitation-controls";
import { InvitationTable } from "../../../../_components/invitation-table";
import { TableHead } from "../../../../_components/table-head";
import { ScrollArea } from "../../../../_components/scroll-area";

type Props = { params: Promise<{ host: string; slug: string }> };

export const metadata: Metadata = { title: "Tenant" };

export default async function TenantPage({ params }: Props) {
  const { host, slug } = await params;
  const platform = await requireTenant(host, "PLATFORM");
  const administrator = await requireRole(platform, ["ADMINISTRATOR"], `/admin/tenants/${slug}`);
  const tenant = slug.length <= 40 ? await getTenantDetail(slug) : null;
  if (!tenant) {
    await recordPageMiss(platform.id, "/admin/tenants/[slug]", administrator);
    notFound();
  }
  const invitations = tenant.kind === "STORE" ? await listStoreInvitations(tenant.slug) : [];
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-bold">{tenant.name}</h1>
        <p className="text-stone-600" data-testid="tenant-status">
          {tenant.kind.toLowerCase()} · {tenant.status.toLowerCase()} · {tenant.currency}
        </p>
      </div>
      <section aria-labelledby="domains-heading" className="space-y-2">
        <h2 id="domains-heading" className="text-xl font-semibold">
          Hosts
        </h2>
        <ul className="font-mono text-sm">
          {tenant.domains.map((d) => (
            <li key={d.host}>
              {d.host}
              {d.isPrimary ? " (primary)" : ""}
            </li>
          ))}
        </ul>
        {tenant.kind === "STORE" ? <TenantControls slug={tenant.slug} status={tenant.status} /> : null}
      </section>
      {tenant.kind === "STORE" ? (
        <section aria-labelledby="mail-heading" className="space-y-2">
          <h2 id="mail-heading" className="text-xl font-semibold">
            Mail
          </h2>
          <p className="text-sm text-stone-600">
            The store&apos;s mail comes from the platform&apos;s address under this name (empty: the store&apos;s name);
            replies go to the Reply-To (empty: none).
          </p>
          <MailSenderForm
            slug={tenant.slug}
            senderName={tenant.mailSenderName ?? ""}
            replyTo={tenant.mailReplyTo ?? ""}
          />
        </section>
      ) : null}
      {tenant.kind === "STORE" ? (
        <section aria-labelledby="merchants-heading" className="space-y-2">
          <h2 id="merchants-heading" className="text-xl font-semibold">
            Merchant invitations
          </h2>
          <p className="text-sm text-stone-600">
            Invite the store&apos;s merchant by email: they become an owner, and invite their own staff. A new
            invitation to the same address replaces the earlier one; invitations expire after 7 days.
          </p>
          <InviteForm endpoint={`/api/admin/tenants/${tenant.slug}/invitations`} />
          <InvitationTable
            invitations={invitations}
            revokeUrl={(id) => `/api/admin/tenants/${tenant.slug}/invitations/${id}`}
          />
        </section>
      ) : null}
      <section aria-labelledby="users-heading" className="space-y-2">
        <h2 id="users-heading" className="text-xl font-semibold">
          Users
        </h2>
        <ScrollArea label="Users">
          <table className="w-full bg-white text-left text-sm" data-testid="tenant-users">
            <TableHead columns={["Email", "Role", "State", "Sessions>", "Actions"]} />
            <tbody>
              {tenant.users.map((user) => (
                <tr key={user.id} className="border-t border-stone-200">
                  <td className="p-3">{user.email}</td>
                  <td className="p-3">
                    {user.role.toLowerCase()}
                    {user.storeRole ? ` (${user.storeRole.toLowerCase()})` : ""}
                  </td>
                  <td className="p-3">
                    {user.disabledAt ? "disabled" : user.emailVerifiedAt ? "active" : "unconfirmed"}
                  </td>
                  <td className="p-3 text-right">{user.activeSessions}</td>
                  <td className="p-3">
                    {user.role !== "ADMINISTRATOR" ? (
                      <UserControls id={user.id} email={user.email} disabled={!!user.disabledAt} />
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      </section>
    </div>
  );
}
