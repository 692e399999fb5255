import type { ReactNode } from "react";
import type { AlertDto } from "@/lib/telemetry/alerts";
import { TableHead } from "./table-head";
import { ScrollArea } from "./scroll-area";

const time = (iso: string) => new Date(iso).toISOString().replace("T", " ").slice(0, 19);

/** Alerts from the detection rules; `controls` adds the administrator's buttons to each row. */
export function AlertTable({
  alerts,
  storeNames,
  controls,
}: {
  alerts: AlertDto[];
  storeNames?: Map<string, string>;
  controls?: (alert: AlertDto) => ReactNode;
}) {
  if (alerts.length === 0) return <p className="text-sm text-stone-600">No alerts.</p>;
  return (
    <ScrollArea label="Alerts">
      <table className="w-full bg-white text-left text-sm" data-testid="security-alerts">
        <TableHead
          columns={[
            "Rule",
            "About",
            ...(storeNames ? ["Store"] : []),
            "Status",
            "First event",
            "Detected",
            "Contained",
            "Events>",
            ...(controls ? ["Actions"] : []),
          ]}
        />
        <tbody>
          {alerts.map((alert) => (
            <tr key={alert.id} className="border-t border-stone-200 align-top">
              <td className="p-3 font-medium">{alert.rule}</td>
              {/* A rule over a whole store is keyed by the store's id: no one needs to read that. */}
              <td className="p-3 font-mono text-xs">{alert.key === alert.tenantId ? "the whole store" : alert.key}</td>
              {storeNames ? (
                <td className="p-3">{alert.tenantId ? (storeNames.get(alert.tenantId) ?? "—") : "several"}</td>
              ) : null}
              <td className="p-3">{alert.status.toLowerCase()}</td>
              <td className="p-3 font-mono text-xs">{time(alert.firstEventAt)}</td>
              <td className="p-3 font-mono text-xs">{time(alert.detectedAt)}</td>
              <td className="p-3 font-mono text-xs">{alert.containedAt ? time(alert.containedAt) : "—"}</td>
              <td className="p-3 text-right">{alert.eventCount}</td>
              {controls ? <td className="p-3">{alert.status === "RESOLVED" ? null : controls(alert)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}
