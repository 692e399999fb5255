import "server-only";
import { getPlatformDb, Prisma } from "@/lib/db";
import { BROWSER_FAMILIES, DETECTION_RULES } from "./detection-rules";

// What the administrators' chart draws: for each detection rule, the events it watches, minute by
// minute over the last hour. Counted by SQLite (GROUP BY type and minute), so a flood of events
// costs one indexed scan, not one row each in memory.

export type RuleActivity = { rule: string; description: string; perMinute: number[]; total: number };

const MINUTES = 60;

/** Events per minute, oldest first, for every rule, over the hour up to `now`. */
export async function readRuleActivity(now = new Date()): Promise<{ from: Date; rules: RuleActivity[] }> {
  const db = await getPlatformDb();
  const end = new Date(Math.floor(now.getTime() / 60_000) * 60_000 + 60_000);
  const from = new Date(end.getTime() - MINUTES * 60_000);
  const types = [...new Set(DETECTION_RULES.flatMap((rule) => rule.events))];
  // Times are stored as ISO text (UTC, explicit offset): the first 16 characters are the minute.
  // Whether the client was a browser is kept apart: some rules count only the others.
  const rows = await db.$queryRaw<
    { type: string; minute: string; browser: number | bigint; events: number | bigint }[]
  >`
    SELECT "type", substr("createdAt", 1, 16) AS "minute",
           CASE WHEN "agentFamily" IN (${Prisma.join([...BROWSER_FAMILIES])}) THEN 1 ELSE 0 END AS "browser",
           COUNT(*) AS "events"
    FROM "SecurityEvent"
    WHERE "type" IN (${Prisma.join(types)}) AND "createdAt" >= ${from.toISOString().replace("Z", "+00:00")}
    GROUP BY "type", "minute", "browser"`;
  const series = new Map<string, number[]>();
  const add = (key: string, index: number, count: number) => {
    const values = series.get(key) ?? new Array<number>(MINUTES).fill(0);
    values[index]! += count;
    series.set(key, values);
  };
  for (const row of rows) {
    const index = Math.floor((Date.parse(`${row.minute}:00Z`) - from.getTime()) / 60_000);
    if (index < 0 || index >= MINUTES) continue;
    add(row.type, index, Number(row.events));
    if (Number(row.browser) === 0) add(`${row.type} non-browser`, index, Number(row.events));
  }
  const rules = DETECTION_RULES.map((rule) => {
    const perMinute = new Array<number>(MINUTES).fill(0);
    for (const type of rule.events) {
      const key = rule.nonBrowserOnly ? `${type} non-browser` : type;
      series.get(key)?.forEach((count, i) => (perMinute[i]! += count));
    }
    return { rule: rule.name, description: rule.description, perMinute, total: perMinute.reduce((a, b) => a + b, 0) };
  });
  return { from, rules };
}
