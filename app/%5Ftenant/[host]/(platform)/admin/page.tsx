import type { Metadata } from "next";
import Link from "next/link";
import { requireRole } from "@/lib/identity/current-user";
import { listTenantOverviews } from "@/lib/tenancy/admin-tenants";
import { listRecentSecurityEvents } from "@/lib/telemetry/list-security-events";
import { requireTenant } from "@/lib/tenancy";
import { SignOutButton } from "../../_components/sign-out-button";
import { listAlerts } from "@/lib/telemetry/alerts";
import { AlertTable } from "../../_components/alert-table";
import { listActiveBlocks } from "@/lib/telemetry/containment";
import { AlertControls, CreateTenantForm, LiftBlockButton } from "./_components/admin-actions";
import { SecurityEventTable } from "./_components/security-event-table";
import { RuleActivityChart } from "./_components/rule-activity-chart";
import { readRuleActivity } from "@/lib/telemetry/rule-activity";
import { TableHead } from "../../_components/table-head";
import { ScrollArea } from "../../_components/scroll-area";

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: "Overview" };

export default async function AdminPage({ params }: Props) {
  const tenant = await requireTenant((await params).host, "PLATFORM");
  const user = await requireRole(tenant, ["ADMINISTRATOR"], "/admin");
  const [tenants, events, alerts, blocks, activity] = await Promise.all([
    listTenantOverviews(),
    listRecentSecurityEvents({}, 25),
    listAlerts({ limit: 50 }),
    listActiveBlocks(),
    readRuleActivity(),
  ]);
  const storeNames = new Map(tenants.map((t) => [t.id, t.name]));
  return (
    <div className="space-y-10">
      <div className="flex flex-wrap items-center justify-between gap-4">
        <div>
          <h1 className="text-3xl font-bold">Platform overview</h1>
          <p className="text-stone-600">Signed in as {user.email}.</p>
        </div>
        <SignOutButton className="rounded-md border border-stone-300 px-4 py-2 text-sm font-medium" />
      </div>
      <section aria-labelledby="alerts-heading" className="space-y-3">
        <h2 id="alerts-heading" className="text-xl font-semibold">
          Alerts
        </h2>
        <p className="text-sm text-stone-600">
          Raised by the detection rules as the events arrive (and checked every few seconds); one alert per incident.
        </p>
        <AlertTable
          alerts={alerts}
          storeNames={storeNames}
          controls={(alert) => (
            <AlertControls id={alert.id} rule={alert.rule} status={alert.status === "OPEN" ? "OPEN" : "ACKNOWLEDGED"} />
          )}
        />
      </section>
      <section aria-labelledby="activity-heading" className="space-y-3">
        <h2 id="activity-heading" className="text-xl font-semibold">
          Activity by rule
        </h2>
        <RuleActivityChart from={activity.from} rules={activity.rules} />
      </section>
      <section aria-labelledby="blocks-heading" className="space-y-3">
        <h2 id="blocks-heading" className="text-xl font-semibold">
          Active blocks
        </h2>
        {blocks.length === 0 ? (
          <p className="text-sm text-stone-600">Nothing is blocked.</p>
        ) : (
          <ScrollArea label="Active blocks">
            <table className="w-full bg-white text-left text-sm" data-testid="security-blocks">
              <TableHead columns={["Address or network", "Refused", "Until", "Actions"]} />
              <tbody>
                {blocks.map((block) => (
                  <tr key={block.id} className="border-t border-stone-200">
                    <td className="p-3 font-mono text-xs">{block.value}</td>
                    <td className="p-3">{block.classes === "all" ? "everything" : block.classes.join(", ")}</td>
                    <td className="p-3 font-mono text-xs">{block.expiresAt.replace("T", " ").slice(0, 19)}</td>
                    <td className="p-3">
                      <LiftBlockButton id={block.id} value={block.value} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollArea>
        )}
      </section>
      <section aria-labelledby="tenants-heading" className="space-y-3">
        <h2 id="tenants-heading" className="text-xl font-semibold">
          Tenants
        </h2>
        <ScrollArea label="Tenants">
          <table className="w-full bg-white text-left text-sm" data-testid="tenants">
            <TableHead columns={["Name", "Kind", "Status", "Hosts", "Users>", "Products>"]} />
            <tbody>
              {tenants.map((t) => (
                <tr key={t.slug} className="border-t border-stone-200">
                  <td className="p-3 font-medium">
                    <Link href={`/admin/tenants/${t.slug}`} className="underline">
                      {t.name}
                    </Link>
                  </td>
                  <td className="p-3">{t.kind.toLowerCase()}</td>
                  <td className="p-3">{t.status.toLowerCase()}</td>
                  <td className="p-3 font-mono text-xs">{t.hosts.join(", ")}</td>
                  <td className="p-3 text-right">{t.users}</td>
                  <td className="p-3 text-right">{t.products}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
        <CreateTenantForm />
      </section>
      <section aria-labelledby="events-heading" className="space-y-3">
        <div className="flex items-center justify-between">
          <h2 id="events-heading" className="text-xl font-semibold">
            Latest security events
          </h2>
          <Link href="/admin/events" className="text-sm underline">
            Search the log
          </Link>
        </div>
        <SecurityEventTable events={events} />
      </section>
    </div>
  );
}
