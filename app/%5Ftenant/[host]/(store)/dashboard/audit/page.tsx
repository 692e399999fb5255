import type { Metadata } from "next";
import { requireRole } from "@/lib/identity/current-user";
import { listAuditLog } from "@/lib/telemetry/audit";
import { requireTenant } from "@/lib/tenancy";
import { TableHead } from "../../../_components/table-head";

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: "Audit trail · Dashboard", robots: { index: false } };

export default async function AuditPage({ params }: Props) {
  const tenant = await requireTenant((await params).host);
  await requireRole(tenant, ["MERCHANT"], "/dashboard/audit");
  const entries = await listAuditLog(tenant.id);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Audit trail</h1>
      <table className="w-full bg-white text-left text-sm" data-testid="audit-log">
        <TableHead columns={["When (UTC)", "Who", "What", "Details"]} />
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} className="border-t border-stone-200 align-top">
              <td className="p-3 whitespace-nowrap">{entry.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
              <td className="p-3">{entry.actorEmail}</td>
              <td className="p-3 font-mono text-xs">{entry.action}</td>
              <td className="p-3 font-mono text-xs break-all">{entry.details}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {entries.length === 0 ? <p className="text-stone-600">Nothing has been changed yet.</p> : null}
    </div>
  );
}
