import type { Metadata } from "next";
import { requireRole } from "@/lib/identity/current-user";
import { listTenantOverviews } from "@/lib/tenancy/admin-tenants";
import { listRecentSecurityEvents } from "@/lib/telemetry/list-security-events";
import { requireTenant } from "@/lib/tenancy";
import { SignOutButton } from "../../_components/sign-out-button";

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: "Overview" };

const SEVERITY_STYLE = {
  INFO: "bg-stone-100 text-stone-700",
  WARNING: "bg-amber-100 text-amber-900",
  CRITICAL: "bg-rose-100 text-rose-900",
};

export default async function AdminPage({ params }: Props) {
  const tenant = await requireTenant((await params).host, "PLATFORM");
  const user = await requireRole(tenant, ["ADMINISTRATOR"], "/admin");
  const [tenants, events] = await Promise.all([listTenantOverviews(), listRecentSecurityEvents(50)]);
  return (
    <div className="space-y-10">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold">Platform overview</h1>
          <p className="text-stone-600">Signed in as {user.email}.</p>
        </div>
        <SignOutButton className="rounded-md border border-stone-300 px-4 py-2 text-sm font-medium" />
      </div>
      <section aria-labelledby="tenants-heading">
        <h2 id="tenants-heading" className="mb-3 text-xl font-semibold">
          Tenants
        </h2>
        <table className="w-full bg-white text-left text-sm">
          <thead className="bg-stone-100">
            <tr>
              <th scope="col" className="p-3">
                Name
              </th>
              <th scope="col" className="p-3">
                Kind
              </th>
              <th scope="col" className="p-3">
                Status
              </th>
              <th scope="col" className="p-3">
                Hosts
              </th>
              <th scope="col" className="p-3 text-right">
                Users
              </th>
              <th scope="col" className="p-3 text-right">
                Products
              </th>
            </tr>
          </thead>
          <tbody>
            {tenants.map((t) => (
              <tr key={t.slug} className="border-t border-stone-200">
                <td className="p-3 font-medium">{t.name}</td>
                <td className="p-3">{t.kind.toLowerCase()}</td>
                <td className="p-3">{t.status.toLowerCase()}</td>
                <td className="p-3 font-mono text-xs">{t.hosts.join(", ")}</td>
                <td className="p-3 text-right">{t.users}</td>
                <td className="p-3 text-right">{t.products}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="events-heading">
        <h2 id="events-heading" className="mb-3 text-xl font-semibold">
          Latest security events
        </h2>
        <table className="w-full bg-white text-left text-sm" data-testid="security-events">
          <thead className="bg-stone-100">
            <tr>
              <th scope="col" className="p-3">
                Time (UTC)
              </th>
              <th scope="col" className="p-3">
                Severity
              </th>
              <th scope="col" className="p-3">
                Type
              </th>
              <th scope="col" className="p-3">
                Store
              </th>
              <th scope="col" className="p-3">
                Actor
              </th>
              <th scope="col" className="p-3">
                IP
              </th>
            </tr>
          </thead>
          <tbody>
            {events.map((event) => (
              <tr key={event.id} className="border-t border-stone-200 align-top">
                <td className="p-3 whitespace-nowrap">
                  {event.createdAt.toISOString().replace("T", " ").slice(0, 19)}
                </td>
                <td className="p-3">
                  <span className={`rounded px-2 py-0.5 text-xs font-semibold ${SEVERITY_STYLE[event.severity]}`}>
                    {event.severity}
                  </span>
                </td>
                <td className="p-3 font-mono text-xs">{event.type}</td>
                <td className="p-3">{event.tenant ?? "—"}</td>
                <td className="p-3">{event.actor || "—"}</td>
                <td className="p-3">{event.ip || "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
