import { describe, expect, it } from "vitest";
import { readRuleActivity } from "@/lib/telemetry/rule-activity";
import { DETECTION_RULES } from "@/lib/telemetry/detection-rules";
import { getDb } from "../support/db";

// The administrators' per-rule chart: the events each rule watches, minute by minute.

describe("activity by rule", () => {
  it("counts each rule's events into the minute they happened, over the last hour only", async () => {
    const db = await getDb();
    const now = new Date("2026-12-06T10:30:20Z");
    const at = (iso: string) => new Date(iso);
    await db.securityEvent.createMany({
      data: [
        ...Array.from({ length: 3 }, (_, i) => ({
          type: "auth.login_failed",
          actor: `a${i}`,
          agentFamily: i === 0 ? "script:python" : "chrome",
          createdAt: at("2026-12-06T10:30:05Z"),
        })),
        { type: "probe.detected", createdAt: at("2026-12-06T10:20:59Z") },
        { type: "probe.detected", createdAt: at("2026-12-06T10:20:00Z") },
        // Before the hour, and a type no rule watches: neither is drawn.
        { type: "probe.detected", createdAt: at("2026-12-06T09:30:59Z") },
        { type: "session.rotated", createdAt: at("2026-12-06T10:30:00Z") },
      ],
    });
    const { from, rules } = await readRuleActivity(now);
    expect(from.toISOString()).toBe("2026-12-06T09:31:00.000Z");
    expect(rules.map((r) => r.rule)).toEqual(DETECTION_RULES.map((r) => r.name));
    const of = (name: string) => rules.find((r) => r.rule === name)!;
    // The minute 10:30 is the last of the 60; 10:20 is ten before it.
    expect(of("credential-stuffing").perMinute[59]).toBe(3);
    expect(of("credential-stuffing").total).toBe(3);
    expect(of("stuffing-wave").total).toBe(3);
    // The rule that watches non-browser clients counts only the script's failure.
    expect(of("scripted-stuffing").total).toBe(1);
    expect(of("scanner").perMinute[49]).toBe(2);
    expect(of("scanner").total).toBe(2);
    expect(of("webhook-forgery").total).toBe(0);
    for (const rule of rules) expect(rule.perMinute).toHaveLength(60);
  });
});
