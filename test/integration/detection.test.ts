import { beforeAll, describe, expect, it } from "vitest";
import { DETECTION_RULES } from "@/lib/telemetry/detection-rules";
import { evaluateDetectionRules } from "@/lib/telemetry/detection";
import { listAlerts, setAlertStatus } from "@/lib/telemetry/alerts";
import { findContainment, liftBlock, listActiveBlocks } from "@/lib/telemetry/containment";
import { flushSecurityEvents, recordSecurityEvent, setEventQueueLimitForTest } from "@/lib/telemetry/security-events";
import { getDb, getTenantIds, type SeededTenantIds } from "../support/db";
import { tagAsvs } from "@/security/asvs-ids";

let ids: SeededTenantIds;
beforeAll(async () => {
  ids = await getTenantIds();
});

const admin = { email: "admin@bulwark.test", ip: "192.0.2.1" };
const rule = (name: string) => DETECTION_RULES.find((r) => r.name === name)!;

async function failSignIn(email: string, ip: string, tenantId = ids.northwind) {
  await recordSecurityEvent({
    type: "auth.login_failed",
    severity: "WARNING",
    tenantId,
    actor: email,
    ip,
    details: {},
  });
}

async function alertsOf(ruleName: string) {
  const db = await getDb();
  return db.securityAlert.findMany({ where: { rule: ruleName }, orderBy: { detectedAt: "asc" } });
}

describe("detection rules", () => {
  it(`${tagAsvs("V11.1.7")} credential stuffing: many accounts from one /24 raise one alert at the threshold, not below`, async () => {
    const threshold = rule("credential-stuffing").threshold;
    for (let i = 0; i < threshold - 1; i++) await failSignIn(`victim-${i}@example.test`, `198.51.100.${10 + i}`);
    // The same accounts again, and other prefixes, do not add to it.
    await failSignIn("victim-0@example.test", "198.51.100.99");
    await failSignIn("someone@example.test", "203.0.113.4");
    await evaluateDetectionRules();
    expect(await alertsOf("credential-stuffing")).toEqual([]);
    await failSignIn(`victim-${threshold}@example.test`, "198.51.100.200");
    const first = await evaluateDetectionRules();
    expect(first.opened).toBeGreaterThanOrEqual(1);
    await evaluateDetectionRules();
    const alerts = await alertsOf("credential-stuffing");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({
      key: "198.51.100.0/24",
      status: "OPEN",
      tenantId: ids.northwind,
      eventCount: threshold + 1,
    });
    expect(alerts[0]!.firstEventAt <= alerts[0]!.detectedAt).toBe(true);
  });

  it("distributed brute force: one account from many prefixes; an IPv6 /64 is one prefix", async () => {
    const { threshold } = rule("distributed-brute-force");
    const email = "merchant-target@example.test";
    for (let i = 0; i < 6; i++) await failSignIn(email, `2001:db8:aa:1::${i + 1}`);
    for (let i = 0; i < threshold - 2; i++) await failSignIn(email, `192.0.${i + 10}.7`);
    await evaluateDetectionRules();
    expect(await alertsOf("distributed-brute-force")).toEqual([]);
    await failSignIn(email, "192.0.99.7");
    await evaluateDetectionRules();
    const [alert] = await alertsOf("distributed-brute-force");
    expect(alert).toBeDefined();
    // Keyed by the account's pseudonym, never its address.
    expect(alert!.key).not.toContain(email);
    expect(alert!.key).toMatch(/^m…@example\.test#[0-9a-f]{12}$/);
  });

  it("counts only events inside the window", async () => {
    const db = await getDb();
    const { windowMs } = rule("session-credential-reuse");
    await db.securityEvent.create({
      data: {
        type: "session.reuse_detected",
        severity: "CRITICAL",
        actor: "old…@example.test#000000000000",
        createdAt: new Date(Date.now() - windowMs - 60_000),
      },
    });
    await evaluateDetectionRules();
    expect(await alertsOf("session-credential-reuse")).toEqual([]);
    await recordSecurityEvent({
      type: "session.reuse_detected",
      severity: "CRITICAL",
      tenantId: ids.lumen,
      actor: "copied@example.test",
    });
    await evaluateDetectionRules();
    expect(await alertsOf("session-credential-reuse")).toHaveLength(1);
  });

  it("opens one alert per incident even when several instances evaluate at once", async () => {
    for (let i = 0; i < 5; i++) {
      await recordSecurityEvent({ type: "webhook.signature_invalid", severity: "WARNING", ip: `203.0.113.${i + 50}` });
    }
    await Promise.all(Array.from({ length: 6 }, () => evaluateDetectionRules()));
    expect(await alertsOf("webhook-forgery")).toHaveLength(1);
  });

  it("after an alert is resolved, only new events open the next one", async () => {
    const [forgery] = await alertsOf("webhook-forgery");
    await setAlertStatus(forgery!.id, "ACKNOWLEDGED", admin);
    await expect(setAlertStatus(forgery!.id, "ACKNOWLEDGED", admin)).rejects.toMatchObject({ status: 409 });
    await setAlertStatus(forgery!.id, "RESOLVED", admin);
    await expect(setAlertStatus(forgery!.id, "ACKNOWLEDGED", admin)).rejects.toMatchObject({ status: 409 });
    await evaluateDetectionRules();
    expect(await alertsOf("webhook-forgery")).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 5));
    await recordSecurityEvent({ type: "webhook.signature_invalid", severity: "WARNING", ip: "203.0.113.77" });
    await evaluateDetectionRules();
    const alerts = await alertsOf("webhook-forgery");
    expect(alerts.map((a) => a.status)).toEqual(["RESOLVED", "OPEN"]);
    expect(alerts[1]!.eventCount).toBe(1);
  });

  it("lists a store's alerts for its merchant and every alert for administrators", async () => {
    const all = await listAlerts();
    const northwind = await listAlerts({ tenantId: ids.northwind });
    const lumen = await listAlerts({ tenantId: ids.lumen });
    expect(northwind.length).toBeGreaterThan(0);
    expect(northwind.every((a) => a.tenantId === ids.northwind)).toBe(true);
    expect(lumen.every((a) => a.tenantId === ids.lumen)).toBe(true);
    expect(all.length).toBeGreaterThan(northwind.length + lumen.length - 1);
    const later = await listAlerts({ since: new Date(Date.now() + 60_000) });
    expect(later).toEqual([]);
  });
});

describe("containment", () => {
  it("blocks the stuffing prefix from sign-in when the alert opens, and says when", async () => {
    const [alert] = await alertsOf("credential-stuffing");
    expect(alert!.containedAt).not.toBeNull();
    expect(alert!.containedAt!.getTime() - alert!.detectedAt.getTime()).toBeLessThan(1_000);
    const blocks = await listActiveBlocks();
    expect(blocks).toContainEqual(
      expect.objectContaining({
        scope: "prefix",
        value: "198.51.100.0/24",
        classes: ["sign-in", "register", "password-reset"],
      }),
    );
    // A rule that only detects contains nothing.
    const [bruteForce] = await alertsOf("distributed-brute-force");
    expect(bruteForce!.containedAt).toBeNull();
  });

  it(`${tagAsvs("V11.1.7")} blocks a scanner's address everywhere after three probes in a minute, not after two`, async () => {
    const probe = (ip: string) =>
      recordSecurityEvent({
        type: "probe.detected",
        severity: "WARNING",
        ip,
        route: "/.env",
        details: { reason: "sensitive-path" },
      });
    await probe("192.0.2.66");
    await probe("192.0.2.66");
    await probe("192.0.2.67");
    await evaluateDetectionRules();
    expect(await alertsOf("scanner")).toEqual([]);
    await probe("192.0.2.66");
    await evaluateDetectionRules();
    const [scanner] = await alertsOf("scanner");
    expect(scanner).toMatchObject({ key: "192.0.2.66" });
    expect(scanner!.containedAt).not.toBeNull();
    const block = (await listActiveBlocks()).find((b) => b.value === "192.0.2.66")!;
    expect(block).toMatchObject({ scope: "address", classes: "all" });
    expect(Date.parse(block.expiresAt) - Date.now()).toBeGreaterThan(29 * 60_000);
  });

  it("lets an administrator lift a block, once; expired and lifted blocks are not enforced", async () => {
    const db = await getDb();
    const block = (await listActiveBlocks()).find((b) => b.value === "192.0.2.66")!;
    await liftBlock(block.id, admin);
    await expect(liftBlock(block.id, admin)).rejects.toMatchObject({ status: 404 });
    await db.securityBlock.create({
      data: {
        scope: "address",
        value: "192.0.2.99",
        classes: "all",
        rule: "scanner",
        expiresAt: new Date(Date.now() - 1),
      },
    });
    const values = (await listActiveBlocks()).map((b) => b.value);
    expect(values).not.toContain("192.0.2.66");
    expect(values).not.toContain("192.0.2.99");
    const lifted = await db.securityBlock.findUniqueOrThrow({ where: { id: block.id } });
    expect(lifted.liftedBy).toBe(admin.email);
  });
});

describe("fake sign-ups and server actions", () => {
  it("contains a network registering many accounts: its register actions are refused by the guard's check", async () => {
    const { threshold } = rule("fake-sign-ups");
    for (let i = 0; i < threshold; i++) {
      await recordSecurityEvent({
        type: "auth.registered",
        severity: "INFO",
        tenantId: ids.lumen,
        actor: `bot-${i}@example.test`,
        ip: `100.80.1.${i + 2}`,
      });
    }
    expect(await findContainment("100.80.1.250", "register")).toBeUndefined();
    await evaluateDetectionRules();
    const [alert] = await alertsOf("fake-sign-ups");
    expect(alert).toMatchObject({ key: "100.80.1.0/24", tenantId: ids.lumen });
    // The guard reads the active blocks at most once a second.
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await findContainment("100.80.1.250", "register")).toMatchObject({ value: "100.80.1.0/24" });
    expect(await findContainment("100.80.1.250", "checkout")).toBeUndefined();
    expect(await findContainment("100.80.2.1", "register")).toBeUndefined();
  });
});

describe("the event pipeline", () => {
  it("loses nothing in a burst of 10,000 events, and one bad event does not take its batch with it", async () => {
    const db = await getDb();
    const route = `/burst-${Date.now()}`;
    const writes = Array.from({ length: 10_000 }, (_, i) =>
      recordSecurityEvent({
        type: "input.rejected",
        severity: "INFO",
        // Every 1000th names a store that does not exist: its row cannot be written.
        tenantId: i % 1000 === 999 ? "no-such-store" : ids.northwind,
        ip: `10.9.${i % 250}.${(i >> 8) % 250}`,
        route,
      }),
    );
    const idsWritten = await Promise.all(writes);
    expect(idsWritten.filter((id) => id === null)).toHaveLength(10);
    expect(await db.securityEvent.count({ where: { route } })).toBe(9_990);
    expect(new Set(idsWritten.filter(Boolean)).size).toBe(9_990);
  }, 120_000);

  it("past its bound, counts what it had to drop and writes the count as one row", async () => {
    const db = await getDb();
    const route = `/flood-${Date.now()}`;
    setEventQueueLimitForTest(100);
    try {
      // Queued in one turn of the event loop: nothing is written until it ends.
      const writes = Array.from({ length: 130 }, () =>
        recordSecurityEvent({ type: "input.rejected", severity: "INFO", tenantId: ids.northwind, route }),
      );
      const written = await Promise.all(writes);
      await flushSecurityEvents();
      expect(written.filter(Boolean)).toHaveLength(100);
      expect(await db.securityEvent.count({ where: { route } })).toBe(100);
      const overflow = await db.securityEvent.findFirst({
        where: { type: "telemetry.events_dropped" },
        orderBy: { createdAt: "desc" },
      });
      expect(JSON.parse(overflow!.details)).toEqual({ overflow: true, droppedEvents: 30 });
    } finally {
      setEventQueueLimitForTest();
    }
  });
});

describe("containment never shuts out everyone", () => {
  it("detects stuffing from this machine's own address but blocks nothing", async () => {
    for (let i = 0; i < 12; i++) await failSignIn(`local-${i}@example.test`, "127.0.0.1");
    await evaluateDetectionRules();
    const local = (await alertsOf("credential-stuffing")).find((a) => a.key === "127.0.0.0/24");
    expect(local).toBeDefined();
    expect(local!.containedAt).toBeNull();
    expect((await listActiveBlocks()).map((b) => b.value)).not.toContain("127.0.0.0/24");
  });

  it("blocks nothing for stuffing from this machine's IPv6 loopback either", async () => {
    for (let i = 0; i < 12; i++) await failSignIn(`local6-${i}@example.test`, "::1");
    await evaluateDetectionRules();
    const local = (await alertsOf("credential-stuffing")).find((a) => a.key.startsWith("0:0:0"));
    expect(local).toBeDefined();
    expect(local!.containedAt).toBeNull();
    expect((await listActiveBlocks()).filter((b) => b.value.startsWith("0:0:0"))).toEqual([]);
  });
});

describe("rules that see past one network", () => {
  it("counts an IPv6 scanner by its /64, and blocks the whole /64", async () => {
    for (const address of ["2001:db8:77:1::a", "2001:db8:77:1::b", "2001:db8:77:1:ffff::1"]) {
      await recordSecurityEvent({ type: "probe.detected", severity: "WARNING", ip: address, route: "/.env" });
    }
    await evaluateDetectionRules();
    const alert = (await alertsOf("scanner")).find((a) => a.key === "2001:db8:77:1::/64");
    expect(alert?.containedAt).not.toBeNull();
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    expect(await findContainment("2001:db8:77:1:1234::9", "page")).toMatchObject({ value: "2001:db8:77:1::/64" });
  });

  it("sees slow stuffing spread over many networks as one wave against the store", async () => {
    const { threshold } = rule("stuffing-wave");
    for (let i = 0; i < threshold; i++)
      await failSignIn(`wave-${i}@example.test`, `172.${16 + (i % 10)}.${i}.9`, ids.lumen);
    await evaluateDetectionRules();
    const [wave] = (await alertsOf("stuffing-wave")).filter((a) => a.key === ids.lumen);
    expect(wave).toMatchObject({ tenantId: ids.lumen, containedAt: null });
  });
});
