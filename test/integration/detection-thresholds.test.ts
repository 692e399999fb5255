import { beforeAll, describe, expect, it } from "vitest";
import { DETECTION_RULES, type DetectionRule } from "@/lib/telemetry/detection-rules";
import { evaluateDetectionRules } from "@/lib/telemetry/detection";
import { recordSecurityEvent, type SecurityEventInput } from "@/lib/telemetry/security-events";
import { getDb, getTenantIds, type SeededTenantIds } from "../support/db";

// Every rule of the table, generated from the table itself: one event short of its threshold
// raises nothing, the event that reaches it raises exactly one alert, about the right key. A rule
// added to the table is tested here without a line of new test code.

let ids: SeededTenantIds;
beforeAll(async () => {
  ids = await getTenantIds();
});

/** The n-th event of an incident for `rule`, numbered from 0 (each rule gets its own network). */
function eventFor(rule: DetectionRule, index: number, n: number): SecurityEventInput {
  const network = `10.${100 + index}`;
  // One tenant per rule grouped by store (there are two stores; only one rule groups by store).
  const tenantId = rule.groupBy === "tenantId" ? ids.lumen : ids.northwind;
  const sameClient = rule.groupBy === "clientKey" || rule.measure === "events";
  const ip =
    rule.measure === "distinct-prefixes"
      ? `${network}.${n}.9`
      : sameClient
        ? `${network}.0.9`
        : `${network}.0.${n + 1}`;
  // One account only where the rule is about one account: elsewhere each event has its own, so
  // an account rule watching the same events is not completed by this rule's incident.
  const actor = rule.groupBy === "actor" ? `${rule.name}@example.test` : `${rule.name}-${n}@example.test`;
  // A script's agent for the rule that watches non-browser clients; none (no request) for the rest.
  const userAgent = rule.groupBy === "agentFamily" ? `python-requests/2.${n}` : undefined;
  // The same password tried each time, for the rule that groups by it.
  const credentialTag = rule.groupBy === "credentialTag" ? `t${index}` : undefined;
  return {
    type: rule.events[n % rule.events.length]!,
    severity: "WARNING",
    tenantId,
    actor,
    ip,
    userAgent,
    ...(credentialTag ? { credentialTag } : {}),
  };
}

const keyOf = (rule: DetectionRule, index: number) =>
  ({
    network: `10.${100 + index}.0.0/24`,
    credentialTag: `t${index}`,
    clientKey: `10.${100 + index}.0.9`,
    tenantId: ids.lumen,
    agentFamily: "script:python",
    actor: undefined, // a pseudonym: matched by rule below
  })[rule.groupBy];

describe("every detection rule", () => {
  it.each(DETECTION_RULES.map((rule, index) => [rule.name, rule, index] as const))(
    "%s fires at its threshold and not one event below",
    async (_name, rule, index) => {
      const db = await getDb();
      for (let n = 0; n < rule.threshold - 1; n++) await recordSecurityEvent(eventFor(rule, index, n));
      await evaluateDetectionRules();
      expect(await db.securityAlert.count({ where: { rule: rule.name } })).toBe(0);

      await recordSecurityEvent(eventFor(rule, index, rule.threshold - 1));
      await evaluateDetectionRules();
      const alerts = await db.securityAlert.findMany({ where: { rule: rule.name } });
      expect(alerts).toHaveLength(1);
      const key = keyOf(rule, index);
      if (key) expect(alerts[0]!.key).toBe(key);
      else expect(alerts[0]!.key).toMatch(new RegExp(`^${rule.name[0]}…@example\\.test#[0-9a-f]{12}$`));
      expect(alerts[0]!.eventCount).toBeGreaterThanOrEqual(rule.threshold);
      expect(alerts[0]!.containedAt !== null).toBe(!!rule.contain);
    },
  );
});
