import "server-only";
import { getPlatformDb, Prisma } from "@/lib/db";
import { containAlert } from "./containment";
import { BROWSER_FAMILIES, DETECTION_RULES, type DetectionRule } from "./detection-rules";
import { logEvent } from "./logger";
import { flushSecurityEvents, listenForWrittenEvents, type WrittenEvent } from "./security-events";

// Evaluates the detection rules over the security log and keeps one alert per incident. Runs on
// a timer in every server process (instrumentation.ts), so detection does not wait for anyone to
// open a page; instances racing on one incident meet on the alert's unique `openKey`.

type Group = { key: string; events: number; distinct: number; first: Date; last: Date; tenantId: string | null };

const openKeyOf = (rule: DetectionRule, key: string) => `${rule.name} ${key}`;

// Column names come from this fixed list only: the rule table picks, never a request.
const COLUMNS = {
  network: "network",
  actor: "actor",
  clientKey: "clientKey",
  tenantId: "tenantId",
  agentFamily: "agentFamily",
  credentialTag: "credentialTag",
} as const;
// Stored as ISO text with an explicit offset (how the adapters write DateTime): compare alike.
const sqlTime = (date: Date) => date.toISOString().replace("Z", "+00:00");

type Measured = {
  key: string;
  events: number | bigint;
  distinct: number | bigint;
  first: string;
  last: string;
  tenants: number | bigint;
  tenantId: string | null;
};

/** Groups read per query: a flood of incidents is read a page at a time, every page of it. */
const GROUP_PAGE = 1_000;

/**
 * The groups of one rule that reach its threshold, counted by SQLite itself (GROUP BY … HAVING),
 * so a large window costs one scan of the (type, createdAt) index per page and returns only the
 * hits — all of them, in pages ordered by key (a page cut short with no order would leave the same
 * groups unread on every pass).
 */
async function measureGroups(rule: DetectionRule, since: Date, onlyKey?: string): Promise<Group[]> {
  const groups: Group[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await measureGroupPage(rule, since, onlyKey, after);
    groups.push(...page);
    if (page.length < GROUP_PAGE) return groups;
    after = page[page.length - 1]!.key;
  }
}

async function measureGroupPage(
  rule: DetectionRule,
  since: Date,
  onlyKey: string | undefined,
  after: string | undefined,
): Promise<Group[]> {
  const db = await getPlatformDb();
  const key = Prisma.raw(`"${COLUMNS[rule.groupBy]}"`);
  const other = Prisma.raw(`"${rule.measure === "distinct-prefixes" ? "ipPrefix" : "actor"}"`);
  const measure = rule.measure === "events" ? Prisma.sql`COUNT(*)` : Prisma.sql`COUNT(DISTINCT NULLIF(${other}, ''))`;
  const rows = await db.$queryRaw<Measured[]>`
    SELECT ${key} AS "key", COUNT(*) AS "events", ${measure} AS "distinct",
           MIN("createdAt") AS "first", MAX("createdAt") AS "last",
           COUNT(DISTINCT COALESCE("tenantId", '')) AS "tenants", MIN("tenantId") AS "tenantId"
    FROM "SecurityEvent"
    WHERE "type" IN (${Prisma.join(rule.events)}) AND "createdAt" >= ${sqlTime(since)}
      AND ${key} IS NOT NULL AND ${key} <> '' ${onlyKey === undefined ? Prisma.empty : Prisma.sql`AND ${key} = ${onlyKey}`}
      ${after === undefined ? Prisma.empty : Prisma.sql`AND ${key} > ${after}`}
      ${rule.nonBrowserOnly ? Prisma.sql`AND "agentFamily" NOT IN (${Prisma.join([...BROWSER_FAMILIES])})` : Prisma.empty}
      ${rule.exceptCrawlers ? Prisma.sql`AND "agentFamily" <> 'bot'` : Prisma.empty}
    GROUP BY ${key}
    HAVING ${measure} >= ${rule.threshold}
    ORDER BY ${key}
    LIMIT ${GROUP_PAGE}`;
  return rows.map((row) => ({
    key: row.key,
    events: Number(row.events),
    distinct: Number(row.distinct),
    first: new Date(row.first),
    last: new Date(row.last),
    // One store's events give a store alert its merchant sees; events across stores stay platform-wide.
    tenantId: Number(row.tenants) === 1 ? row.tenantId : null,
  }));
}

/** Opens (or updates) the alert for one group that reached its rule's threshold. */
async function raiseAlert(rule: DetectionRule, group: Group, now: Date): Promise<"opened" | "updated"> {
  const db = await getPlatformDb();
  const openKey = openKeyOf(rule, group.key);
  const { tenantId } = group;
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
    // An incident that goes on after its block expired is contained again (not after an
    // administrator lifted the block: that was a decision about this incident).
    if (rule.contain && existing.status !== "RESOLVED") {
      const last = await db.securityBlock.findFirst({
        where: { alertId: existing.id },
        orderBy: { createdAt: "desc" },
      });
      if (last && !last.liftedAt && last.expiresAt <= now && group.last > last.expiresAt) {
        const containedAt = await containAlert(rule, group.key, existing.id, now);
        if (containedAt) await db.securityAlert.update({ where: { id: existing.id }, data: { containedAt } });
      }
    }
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

/** Evaluates one rule: every group in its window, or only the groups named. */
async function evaluateRule(rule: DetectionRule, now: Date, keys?: readonly string[]) {
  const db = await getPlatformDb();
  const result = { opened: 0, updated: 0 };
  const windowStart = new Date(now.getTime() - rule.windowMs);
  const groups = keys
    ? (await Promise.all(keys.map((key) => measureGroups(rule, windowStart, key)))).flat()
    : await measureGroups(rule, windowStart);
  for (let group of groups) {
    const resolved = await db.securityAlert.findFirst({
      where: { rule: rule.name, key: group.key, status: "RESOLVED", resolvedAt: { gt: windowStart } },
      orderBy: { resolvedAt: "desc" },
    });
    if (resolved?.resolvedAt) {
      const [after] = await measureGroups(rule, new Date(resolved.resolvedAt.getTime() + 1), group.key);
      if (!after) continue;
      group = after;
    }
    const outcome = await raiseAlert(rule, group, now);
    result[outcome] += 1;
    knownOpen.set(openKeyOf(rule, group.key), now.getTime() + KNOWN_OPEN_MS);
  }
  return result;
}

/**
 * One pass over every rule. After an alert is resolved, only events after the resolution count
 * towards a new incident for the same rule and key.
 */
export async function evaluateDetectionRules(now = new Date()): Promise<{ opened: number; updated: number }> {
  // This process's events still in the queue count too.
  await flushSecurityEvents();
  const result = { opened: 0, updated: 0 };
  for (const rule of DETECTION_RULES) {
    const { opened, updated } = await evaluateRule(rule, now);
    result.opened += opened;
    result.updated += updated;
  }
  return result;
}

// The quick path: as events are written, the groups they belong to are measured at once, so an
// incident is detected (and contained) within moments of the event that completes it. The timed
// pass still runs, for events written by other instances and to keep open alerts' counts fresh.
// A group whose alert this process has just opened or updated is left to the timed pass for a
// few seconds: a flood of one incident costs one look, not one per event.
const KNOWN_OPEN_MS = 5_000;
/** Past this many groups of one rule in one batch, the whole rule is measured in one query. */
const MAX_KEYS_PER_LOOK = 20;
const knownOpen = new Map<string, number>();
const pending = new Map<DetectionRule, Set<string>>();
let quickPass: Promise<void> | null = null;

function noteWrittenEvents(events: WrittenEvent[]): void {
  const now = Date.now();
  for (const rule of DETECTION_RULES) {
    for (const event of events) {
      if (!(rule.events as readonly string[]).includes(event.type)) continue;
      const key = event[COLUMNS[rule.groupBy]];
      if (!key || (knownOpen.get(openKeyOf(rule, key)) ?? 0) > now) continue;
      const keys = pending.get(rule) ?? new Set<string>();
      keys.add(key);
      pending.set(rule, keys);
    }
  }
  if (pending.size > 0) quickPass ??= runQuickPass();
}

async function runQuickPass(): Promise<void> {
  const began = performance.now();
  try {
    const work = [...pending];
    pending.clear();
    for (const [k, until] of knownOpen) if (until <= Date.now()) knownOpen.delete(k);
    for (const [rule, keys] of work) {
      await evaluateRule(rule, new Date(), keys.size > MAX_KEYS_PER_LOOK ? undefined : [...keys]);
    }
  } catch (error) {
    logEvent("error", "detection_failed", { error: String(error) });
  }
  // Under a flood the looks follow each other, but never take more than about half the time.
  const took = performance.now() - began;
  await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, took)).unref());
  quickPass = pending.size > 0 ? runQuickPass() : null;
}

let started = false;

/**
 * Starts the continuous evaluation in this process (once): the quick path on every written event,
 * and a timed pass over everything. The database driver runs queries on the main thread, so a
 * pass holds up requests while it runs: the next timed pass waits at least four times as long as
 * the last one took, keeping detection to a fifth of the time whatever the size of the log
 * (150,000 events in a window: about 0.6 s a pass here).
 */
export function startDetection(intervalMs: number): void {
  if (started) return;
  started = true;
  listenForWrittenEvents(noteWrittenEvents);
  const pass = async () => {
    const began = performance.now();
    try {
      await evaluateDetectionRules();
    } catch (error) {
      logEvent("error", "detection_failed", { error: String(error) });
    }
    const took = performance.now() - began;
    if (took > 1_000) logEvent("warn", "detection_slow", { ms: Math.round(took) });
    setTimeout(() => void pass(), Math.max(intervalMs, took * 4)).unref();
  };
  setTimeout(() => void pass(), intervalMs).unref();
}

/** For tests: the quick path without the timed pass; returns a way to stop it. */
export function startQuickDetectionForTest(): { settle: () => Promise<void>; stop: () => void } {
  listenForWrittenEvents(noteWrittenEvents);
  return {
    settle: async () => {
      await flushSecurityEvents();
      while (quickPass) await quickPass;
    },
    stop: () => {
      listenForWrittenEvents(null);
      pending.clear();
      knownOpen.clear();
    },
  };
}
