import type { Metadata } from "next";
import { requireRole } from "@/lib/identity/current-user";
import { listRecentSecurityEvents, securityEventFilterSchema } from "@/lib/telemetry/list-security-events";
import { SECURITY_EVENT_TYPES } from "@/lib/telemetry/security-events";
import { listTenantOverviews } from "@/lib/tenancy/admin-tenants";
import { requireTenant } from "@/lib/tenancy";
import { SecurityEventTable } from "../_components/security-event-table";

type Props = {
  params: Promise<{ host: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Security log" };

const field = "rounded-md border border-stone-300 px-2 py-1 text-sm";

export default async function EventsPage({ params, searchParams }: Props) {
  const platform = await requireTenant((await params).host, "PLATFORM");
  await requireRole(platform, ["ADMINISTRATOR"], "/admin/events");
  const raw = await searchParams;
  const filter = securityEventFilterSchema.parse(
    Object.fromEntries(
      Object.entries(raw)
        .map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])
        .filter(([, v]) => v),
    ),
  );
  const [events, tenants] = await Promise.all([listRecentSecurityEvents(filter, 200), listTenantOverviews()]);
  const day = (date?: Date) => date?.toISOString().slice(0, 10) ?? "";
  return (
    <div className="space-y-4">
      <h1 className="text-3xl font-bold">Security log</h1>
      <form method="get" className="flex flex-wrap items-end gap-3" aria-label="Filter events">
        <div>
          <label htmlFor="f-tenant" className="block text-xs font-medium">
            Store
          </label>
          <select id="f-tenant" name="tenant" defaultValue={filter.tenant ?? ""} className={field}>
            <option value="">Any</option>
            {tenants.map((t) => (
              <option key={t.slug} value={t.slug}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-type" className="block text-xs font-medium">
            Type
          </label>
          <select id="f-type" name="type" defaultValue={filter.type ?? ""} className={field}>
            <option value="">Any</option>
            {SECURITY_EVENT_TYPES.map((type) => (
              <option key={type}>{type}</option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="f-severity" className="block text-xs font-medium">
            Severity
          </label>
          <select id="f-severity" name="severity" defaultValue={filter.severity ?? ""} className={field}>
            <option value="">Any</option>
            <option>INFO</option>
            <option>WARNING</option>
            <option>CRITICAL</option>
          </select>
        </div>
        <div>
          <label htmlFor="f-from" className="block text-xs font-medium">
            From
          </label>
          <input id="f-from" name="from" type="date" defaultValue={day(filter.from)} className={field} />
        </div>
        <div>
          <label htmlFor="f-to" className="block text-xs font-medium">
            To
          </label>
          <input id="f-to" name="to" type="date" defaultValue={day(filter.to)} className={field} />
        </div>
        <button type="submit" className="rounded-md bg-stone-900 px-4 py-1.5 text-sm font-semibold text-white">
          Filter
        </button>
      </form>
      <p className="text-sm text-stone-600">{events.length} events (newest first, at most 200).</p>
      <SecurityEventTable events={events} />
    </div>
  );
}
