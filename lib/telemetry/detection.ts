import "server-only";
import { getPlatformDb, Prisma } from "@/lib/db";
import { containAlert } from "./containment";
import { DETECTION_RULES, type DetectionRule } from "./detection-rules";
import { logEvent } from "./logger";
import { flushSecurityEvents } from "./security-events";

// Evaluates the detection rules over the security log and keeps one alert per incident. Runs on
// a timer in every server process (instrumentation.ts), so detection does not wait for anyone to
// open a page; instances racing on one incident meet on the alert's unique `openKey`.

type Group = {
  key: string;
  events: number;
  distinct: Set<string>;
  first: Date;
  last: Date;
  tenants: Set<string | null>;
};

const openKeyOf = (rule: DetectionRule, key: string) => `${rule.name} ${key}`;

async function measureGroups(rule: DetectionRule, since: Date, onlyKey?: string): Promise<Map<string, Group>> {
  const db = await getPlatformDb();
  const other = rule.groupBy === "actor" ? "ipPrefix" : "actor";
  const rows = await db.securityEvent.groupBy({
    by: [rule.groupBy, other, "tenantId"],
    where: {
      type: { in: [...rule.events] },
      createdAt: { gte: since },
      [rule.groupBy]: onlyKey ?? { not: "" },
    },
    _count: { _all: true },
    _min: { createdAt: true },
    _max: { createdAt: true },
  });
  const groups = new Map<string, Group>();
  for (const row of rows) {
    const key = row[rule.groupBy];
    const group = groups.get(key) ?? {
      key,
      events: 0,
      distinct: new Set<string>(),
      first: row._min.createdAt!,
      last: row._max.createdAt!,
      tenants: new Set<string | null>(),
    };
    group.events += row._count._all;
    if (row[other]) group.distinct.add(row[other]);
    if (row._min.createdAt! < group.first) group.first = row._min.createdAt!;
    if (row._max.createdAt! > group.last) group.last = row._max.createdAt!;
    group.tenants.add(row.tenantId);
    groups.set(key, group);
  }
  return groups;
}

function measureOf(rule: DetectionRule, group: Group): number {
  return rule.measure === "events" ? group.events : group.distinct.size;
}

/** Opens (or updates) the alert for one group that reached its rule's threshold. */
async function raiseAlert(rule: DetectionRule, group: Group, now: Date): Promise<"opened" | "updated"> {
  const db = await getPlatformDb();
  const openKey = openKeyOf(rule, group.key);
  // One store's events give a store alert its merchant sees; events across stores stay platform-wide.
  const tenantId = group.tenants.size === 1 ? [...group.tenants][0]! : null;
  const existing = await db.securityAlert.findUnique({ where: { openKey } });
  if (existing) {
    await db.securityAlert.update({
      where: { id: existing.id },
      data: {
        lastEventAt: group.last > existing.lastEventAt ? group.last : existing.lastEventAt,
        eventCount: Math.max(existing.eventCount, group.events),
        ...(existing.tenantId !== tenantId ? { tenantId: null } : {}),
      },
    });
    return "updated";
  }
  try {
    const alert = await db.securityAlert.create({
      data: {
        rule: rule.name,
        key: group.key,
        tenantId,
        openKey,
        firstEventAt: group.first,
        lastEventAt: group.last,
        detectedAt: now,
        eventCount: group.events,
      },
    });
    const containedAt = await containAlert(rule, group.key, alert.id, now);
    if (containedAt) await db.securityAlert.update({ where: { id: alert.id }, data: { containedAt } });
    logEvent("warn", "security_alert", {
      id: alert.id,
      rule: rule.name,
      key: group.key,
      tenantId,
      events: group.events,
      detectedInMs: now.getTime() - group.first.getTime(),
    });
    return "opened";
  } catch (error) {
    // Another instance opened it first: the same incident.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") return "updated";
    throw error;
  }
}

/**
 * One pass over every rule. After an alert is resolved, only events after the resolution count
 * towards a new incident for the same rule and key.
 */
export async function evaluateDetectionRules(now = new Date()): Promise<{ opened: number; updated: number }> {
  // This process's events still in the queue count too.
  await flushSecurityEvents();
  const db = await getPlatformDb();
  const result = { opened: 0, updated: 0 };
  for (const rule of DETECTION_RULES) {
    const windowStart = new Date(now.getTime() - rule.windowMs);
    for (let group of (await measureGroups(rule, windowStart)).values()) {
      if (measureOf(rule, group) < rule.threshold) continue;
      const resolved = await db.securityAlert.findFirst({
        where: { rule: rule.name, key: group.key, status: "RESOLVED", resolvedAt: { gt: windowStart } },
        orderBy: { resolvedAt: "desc" },
      });
      if (resolved?.resolvedAt) {
        const after = (await measureGroups(rule, resolved.resolvedAt, group.key)).get(group.key);
        if (!after || after.first <= resolved.resolvedAt || measureOf(rule, after) < rule.threshold) continue;
        group = after;
      }
      result[await raiseAlert(rule, group, now)] += 1;
    }
  }
  return result;
}

let timer: NodeJS.Timeout | undefined;

/** Starts the continuous evaluation in this process (once). */
export function startDetection(intervalMs: number): void {
  if (timer) return;
  let running = false;
  timer = setInterval(() => {
    if (running) return;
    running = true;
    evaluateDetectionRules()
      .catch((error: unknown) => logEvent("error", "detection_failed", { error: String(error) }))
      .finally(() => (running = false));
  }, intervalMs);
  timer.unref();
}
