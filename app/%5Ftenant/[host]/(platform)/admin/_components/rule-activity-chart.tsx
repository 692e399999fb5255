import type { RuleActivity } from "@/lib/telemetry/rule-activity";
import { ScrollArea } from "../../../_components/scroll-area";

const WIDTH = 360;
const HEIGHT = 36;

/**
 * One row per detection rule: the events it watches, a bar a minute over the last hour (the
 * scale is per row, so a quiet rule's few events still show). Drawn on the server as SVG: no
 * script, nothing the page's CSP has to allow.
 */
export function RuleActivityChart({ from, rules }: { from: Date; rules: RuleActivity[] }) {
  const until = new Date(from.getTime() + 60 * 60_000);
  const label = (date: Date) => date.toISOString().slice(11, 16);
  return (
    <ScrollArea label="Activity by rule">
      <table className="w-full bg-white text-left text-sm" data-testid="rule-activity">
        <caption className="p-2 text-left text-xs text-stone-600">
          Events each rule watches, per minute, {label(from)}–{label(until)} UTC.
        </caption>
        <thead>
          <tr className="bg-stone-100">
            <th scope="col" className="p-3">
              Rule
            </th>
            <th scope="col" className="p-3 text-right">
              Events
            </th>
            <th scope="col" className="p-3">
              Last hour
            </th>
          </tr>
        </thead>
        <tbody>
          {rules.map((activity) => {
            const peak = Math.max(1, ...activity.perMinute);
            const barWidth = WIDTH / activity.perMinute.length;
            return (
              <tr key={activity.rule} className="border-t border-stone-200">
                <th scope="row" className="p-3 font-mono text-xs font-normal" title={activity.description}>
                  {activity.rule}
                </th>
                <td className="p-3 text-right tabular-nums">{activity.total}</td>
                <td className="p-3">
                  <svg
                    role="img"
                    aria-label={`${activity.rule}: ${activity.total} events in the last hour, at most ${peak} in a minute`}
                    viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
                    className="h-9 w-full max-w-md"
                    preserveAspectRatio="none"
                  >
                    <line x1="0" y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} stroke="#d6d3d1" strokeWidth="1" />
                    {activity.perMinute.map((count, i) =>
                      count === 0 ? null : (
                        <rect
                          key={i}
                          x={i * barWidth + 0.5}
                          y={HEIGHT - (count / peak) * (HEIGHT - 2)}
                          width={Math.max(1, barWidth - 1)}
                          height={(count / peak) * (HEIGHT - 2)}
                          fill="#b91c1c"
                        />
                      ),
                    )}
                  </svg>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollArea>
  );
}
