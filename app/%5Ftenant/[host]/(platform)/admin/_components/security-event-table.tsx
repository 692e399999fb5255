import type { SecurityEventRow } from "@/lib/telemetry/list-security-events";
import { TableHead } from "../../../_components/table-head";
import { ScrollArea } from "../../../_components/scroll-area";

const SEVERITY_STYLE = {
  INFO: "bg-stone-100 text-stone-700",
  WARNING: "bg-amber-100 text-amber-900",
  CRITICAL: "bg-rose-100 text-rose-900",
};

export function SecurityEventTable({ events }: { events: SecurityEventRow[] }) {
  return (
    <ScrollArea label="Security events">
      <table className="w-full bg-white text-left text-sm" data-testid="security-events">
        <TableHead columns={["Time (UTC)", "Severity", "Type", "Store", "Actor", "IP", "Details"]} />
        <tbody>
          {events.map((event) => (
            <tr key={event.id} className="border-t border-stone-200 align-top">
              <td className="whitespace-nowrap p-3">{event.createdAt.toISOString().replace("T", " ").slice(0, 19)}</td>
              <td className="p-3">
                <span className={`rounded px-2 py-0.5 text-xs font-semibold ${SEVERITY_STYLE[event.severity]}`}>
                  {event.severity}
                </span>
              </td>
              <td className="p-3 font-mono text-xs">{event.type}</td>
              <td className="p-3">{event.tenant ?? "—"}</td>
              <td className="p-3">{event.actor || "—"}</td>
              <td className="p-3">{event.ip || "—"}</td>
              <td className="max-w-xs break-all p-3 font-mono text-xs">
                {event.details === "{}" ? "" : event.details}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollArea>
  );
}
