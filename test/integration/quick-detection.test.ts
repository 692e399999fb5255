import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DETECTION_RULES } from "@/lib/telemetry/detection-rules";
import { evaluateDetectionRules, startQuickDetectionForTest } from "@/lib/telemetry/detection";
import { findContainment, liftBlock, readBlocksVersion, waitForBlocksChange } from "@/lib/telemetry/containment";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";
import { edgeEventSchema, recordEdgeEvent } from "@/lib/telemetry/edge-events";
import { getDb, getTenantIds } from "../support/db";

// The quick path: detection and containment follow from the event that completes an incident,
// with no timed pass (evaluateDetectionRules is never called in this file).

let northwind: string;
let quick: ReturnType<typeof startQuickDetectionForTest>;
beforeAll(async () => {
  northwind = (await getTenantIds()).northwind;
  quick = startQuickDetectionForTest();
});
afterAll(() => quick.stop());

const admin = { email: "admin@bulwark.test", ip: "192.0.2.1" };
const stuffing = DETECTION_RULES.find((rule) => rule.name === "credential-stuffing")!;

function failSignIn(email: string, ip: string) {
  return recordSecurityEvent({ type: "auth.login_failed", severity: "WARNING", tenantId: northwind, actor: email, ip });
}

async function alertsFor(key: string) {
  const db = await getDb();
  return db.securityAlert.findMany({ where: { key } });
}

describe("detection as events are written", () => {
  it("opens and contains an incident on the event that reaches the threshold, and not before", async () => {
    const prefix = "198.51.100";
    for (let i = 0; i < stuffing.threshold - 1; i++) await failSignIn(`quick-${i}@example.test`, `${prefix}.${i + 1}`);
    await quick.settle();
    expect(await alertsFor(`${prefix}.0/24`)).toEqual([]);
    expect(await findContainment(`${prefix}.77`, "sign-in")).toBeUndefined();

    const before = readBlocksVersion();
    const waiting = waitForBlocksChange(before, 60_000);
    await failSignIn("quick-last@example.test", `${prefix}.200`);
    await quick.settle();
    const [alert] = await alertsFor(`${prefix}.0/24`);
    expect(alert).toMatchObject({ rule: "credential-stuffing", status: "OPEN", eventCount: stuffing.threshold });
    expect(alert!.containedAt).not.toBeNull();
    // The long poll of the middleware is answered at once, and the guard's copy is not a second old.
    await waiting;
    expect(readBlocksVersion()).toBe(before + 1);
    expect(await findContainment(`${prefix}.77`, "sign-in")).toMatchObject({ value: `${prefix}.0/24` });
  });

  it("a burst of one incident's events makes one alert and one block", async () => {
    const prefix = "198.51.101";
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => failSignIn(`burst-${i}@example.test`, `${prefix}.${(i % 250) + 1}`)),
    );
    await quick.settle();
    const alerts = await alertsFor(`${prefix}.0/24`);
    expect(alerts).toHaveLength(1);
    const db = await getDb();
    expect(await db.securityBlock.count({ where: { value: `${prefix}.0/24` } })).toBe(1);
  });

  it("events spread over more networks than one look measures are still measured, in one query", async () => {
    // 30 networks with a full incident each, and 30 with one failure: past the per-look key cap.
    const events = [];
    for (let n = 0; n < 60; n++) {
      const count = n < 30 ? stuffing.threshold : 1;
      for (let i = 0; i < count; i++) events.push(failSignIn(`spread-${n}-${i}@example.test`, `10.60.${n}.${i + 1}`));
    }
    await Promise.all(events);
    await quick.settle();
    const db = await getDb();
    const opened = await db.securityAlert.findMany({
      where: { rule: "credential-stuffing", key: { startsWith: "10.60." } },
      select: { key: true },
    });
    expect(opened.map((a) => a.key).sort()).toEqual(Array.from({ length: 30 }, (_, n) => `10.60.${n}.0/24`).sort());
  });

  it("a lifted block wakes the long poll too; a quiet one answers after its timeout", async () => {
    const db = await getDb();
    const block = await db.securityBlock.findFirstOrThrow({ where: { value: "198.51.100.0/24" } });
    const seen = readBlocksVersion();
    const quiet = await Promise.race([
      waitForBlocksChange(seen, 50).then(() => "answered"),
      new Promise((resolve) => setTimeout(() => resolve("still waiting"), 2_000)),
    ]);
    expect(quiet).toBe("answered");
    expect(readBlocksVersion()).toBe(seen);
    const waiting = waitForBlocksChange(seen, 60_000);
    await liftBlock(block.id, admin);
    await waiting;
    expect(readBlocksVersion()).toBe(seen + 1);
    expect(await findContainment("198.51.100.77", "sign-in")).toBeUndefined();
  });

  it("an event keeps the request it came from and the kind of client, never the whole agent string", async () => {
    const agent = "sqlmap/1.7.2#stable (https://sqlmap.org)";
    await recordEdgeEvent(
      edgeEventSchema.parse({
        type: "probe.detected",
        severity: "WARNING",
        route: "/.env",
        host: "localhost",
        details: { reason: "scanner-agent" },
        requestId: "0f6c2d3e-1111-4222-8333-944455556666",
        userAgent: agent,
      }),
      northwind,
      "198.51.102.9",
    );
    await quick.settle();
    const db = await getDb();
    const row = await db.securityEvent.findFirstOrThrow({ where: { ip: "198.51.102.9" } });
    expect(row).toMatchObject({ requestId: "0f6c2d3e-1111-4222-8333-944455556666", agentFamily: "scanner" });
    expect(JSON.stringify(row)).not.toContain("sqlmap/1.7.2");
  });

  it("an incident that goes on after its block expired is contained again; a lifted block stays lifted", async () => {
    const db = await getDb();
    const probe = (ip: string) =>
      recordSecurityEvent({ type: "probe.detected", severity: "WARNING", tenantId: northwind, ip, route: "/.env" });
    for (const ip of ["198.51.103.7", "198.51.103.8"]) {
      for (let i = 0; i < 3; i++) await probe(ip);
    }
    await quick.settle();
    const first = await db.securityBlock.findMany({ where: { value: { in: ["198.51.103.7", "198.51.103.8"] } } });
    expect(first).toHaveLength(2);
    // One block runs out, the other is lifted by an administrator; both clients keep probing.
    await db.securityBlock.update({
      where: { id: first.find((b) => b.value === "198.51.103.7")!.id },
      data: { expiresAt: new Date(Date.now() - 1_000) },
    });
    await liftBlock(first.find((b) => b.value === "198.51.103.8")!.id, admin);
    await new Promise((resolve) => setTimeout(resolve, 5));
    for (const ip of ["198.51.103.7", "198.51.103.8"]) await probe(ip);
    await evaluateDetectionRules();
    expect(await findContainment("198.51.103.7", "page")).toMatchObject({ value: "198.51.103.7" });
    expect(await findContainment("198.51.103.8", "page")).toBeUndefined();
    expect(
      await db.securityAlert.count({ where: { rule: "scanner", key: { in: ["198.51.103.7", "198.51.103.8"] } } }),
    ).toBe(2);
  });
});
