import type { Metadata } from "next";
import Link from "next/link";
import { formatMoney } from "@/lib/catalog/money";
import { requireRole } from "@/lib/identity/current-user";
import { listAuditTrail } from "@/lib/telemetry/audit";
import { describeAuditEntry } from "@/lib/telemetry/audit-sentences";
import { requireTenant } from "@/lib/tenancy";
import { ScrollArea } from "../../../_components/scroll-area";
import { TableHead } from "../../../_components/table-head";

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: "Audit trail · Dashboard", robots: { index: false } };

export default async function AuditPage({ params }: Props) {
  const tenant = await requireTenant((await params).host);
  await requireRole(tenant, ["MERCHANT"], "/dashboard/audit");
  const entries = await listAuditTrail(tenant.id);
  const context = { formatMoney: (minor: number) => formatMoney(minor, tenant.currency, tenant.locale) };
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Audit trail</h1>
      <ScrollArea label="Audit trail">
        <table className="w-full bg-white text-left text-sm" data-testid="audit-log">
          <TableHead columns={["When (UTC)", "What happened"]} />
          <tbody>
            {entries.map((entry) => (
              <tr key={entry.id} className="border-t border-stone-200 align-top">
                <td className="p-3 whitespace-nowrap">
                  <time dateTime={entry.createdAt.toISOString()}>
                    {entry.createdAt.toISOString().replace("T", " ").slice(0, 16)}
                  </time>
                </td>
                <td className="p-3" title={entry.actorEmail}>
                  {describeAuditEntry(entry, context).map((part, index) =>
                    typeof part === "string" ? (
                      part
                    ) : (
                      <Link key={index} href={part.href} className="font-medium underline">
                        {part.text}
                      </Link>
                    ),
                  )}
                  .
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
      {entries.length === 0 ? <p className="text-stone-600">Nothing has been changed yet.</p> : null}
    </div>
  );
}
