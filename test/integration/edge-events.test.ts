import { describe, expect, it } from "vitest";
import { POST } from "@/app/api/internal/security-events/route";
import { signInternalCall } from "@/lib/security/internal-auth";
import { EDGE_BATCH_SIZE, SECURITY_EVENTS_PATH } from "@/lib/telemetry/edge-report";
import { flushSecurityEvents } from "@/lib/telemetry/security-events";
import { getDb, getTenantIds } from "../support/db";
import { tagAsvs } from "@/security/asvs-ids";

// Issue 12: the internal route that writes the middleware's batches — every event for the store
// its host names, at the time the middleware saw it, and a row that says what the middleware lost.

const url = `http://127.0.0.1:3000${SECURITY_EVENTS_PATH}`;
/** Posts a batch as the middleware does: every batch has an id of its own unless it names one. */
async function post(body: Record<string, unknown>, sign = true) {
  const text = JSON.stringify({ id: crypto.randomUUID(), ...body });
  const headers = sign
    ? await signInternalCall({ method: "POST", path: SECURITY_EVENTS_PATH, clientIp: "", body: text })
    : {};
  return POST(
    new Request(url, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: text }),
    {},
  );
}
const probe = (i: number, host: string, at: number) => ({
  type: "probe.not_found",
  severity: "WARNING",
  route: `/batch-${i}`,
  host,
  details: {},
  requestId: `batch-req-${i}`,
  userAgent: "curl/8.5",
  clientIp: `198.51.104.${(i % 250) + 1}`,
  at,
});

describe("the middleware's batches", () => {
  it(`${tagAsvs("V7.1.3")} are written whole, each event for its host's store, at the time it was seen`, async () => {
    const { northwind, lumen } = await getTenantIds();
    const seen = Date.now() - 1_500;
    const hosts = ["localhost", "lumen.localhost", "no-such-store.example"];
    const events = Array.from({ length: EDGE_BATCH_SIZE }, (_, i) => probe(i, hosts[i % 3]!, seen));
    expect((await post({ events, undelivered: 0 })).status).toBe(204);
    await flushSecurityEvents();
    const db = await getDb();
    const rows = await db.securityEvent.findMany({ where: { requestId: { startsWith: "batch-req-" } } });
    expect(rows).toHaveLength(EDGE_BATCH_SIZE);
    const byRoute = new Map(rows.map((row) => [row.route, row]));
    expect(byRoute.get("/batch-0")).toMatchObject({
      tenantId: northwind,
      ip: "198.51.104.1",
      agentFamily: "script:curl",
    });
    expect(byRoute.get("/batch-1")).toMatchObject({ tenantId: lumen });
    expect(byRoute.get("/batch-2")).toMatchObject({ tenantId: null });
    expect(rows.every((row) => row.createdAt.getTime() === seen)).toBe(true);
  });

  it("write a batch tried again (its first try timed out after it was written) once", async () => {
    const events = [0, 1, 2].map((i) => ({ ...probe(i, "localhost", Date.now()), requestId: `again-${i}` }));
    const batch = { id: crypto.randomUUID(), events, undelivered: 4 };
    const since = new Date();
    expect((await post(batch)).status).toBe(204);
    expect((await post(batch)).status).toBe(204);
    await flushSecurityEvents();
    const db = await getDb();
    expect(await db.securityEvent.count({ where: { requestId: { startsWith: "again-" } } })).toBe(3);
    expect(
      await db.securityEvent.count({ where: { type: "telemetry.events_dropped", createdAt: { gte: since } } }),
    ).toBe(1);
  });

  it(`${tagAsvs("V7.1.3")} say what the middleware lost in a row of its own`, async () => {
    const since = new Date();
    expect((await post({ events: [], undelivered: 37 })).status).toBe(204);
    await flushSecurityEvents();
    const dropped = await (
      await getDb()
    ).securityEvent.findMany({
      where: { type: "telemetry.events_dropped", createdAt: { gte: since } },
    });
    expect(dropped.map((row) => JSON.parse(row.details))).toEqual([
      { source: "edge", droppedEvents: 37, malformed: 0 },
    ]);
  });

  it("lose only the malformed event of a batch (too long, or a type the middleware does not report), and count it", async () => {
    const since = new Date();
    const events = Array.from({ length: 10 }, (_, i) => ({
      ...probe(i, "localhost", Date.now()),
      requestId: `mixed-${i}`,
    }));
    events[4] = { ...events[4]!, route: `/${"x".repeat(400)}` };
    events[7] = { ...events[7]!, type: "admin.action" };
    expect((await post({ events, undelivered: 0 })).status).toBe(204);
    await flushSecurityEvents();
    const db = await getDb();
    expect(await db.securityEvent.count({ where: { requestId: { startsWith: "mixed-" } } })).toBe(8);
    const dropped = await db.securityEvent.findMany({
      where: { type: "telemetry.events_dropped", createdAt: { gte: since } },
    });
    expect(dropped.map((row) => JSON.parse(row.details))).toEqual([{ source: "edge", droppedEvents: 2, malformed: 2 }]);
  });

  it("believe an event's time only within the last five minutes, never in the future", async () => {
    const before = Date.now();
    await post({
      events: [
        { ...probe(900, "localhost", 0), requestId: "old" },
        { ...probe(901, "localhost", before + 3_600_000), requestId: "future" },
      ],
      undelivered: 0,
    });
    await flushSecurityEvents();
    const db = await getDb();
    const old = await db.securityEvent.findFirstOrThrow({ where: { requestId: "old" } });
    const future = await db.securityEvent.findFirstOrThrow({ where: { requestId: "future" } });
    expect(old.createdAt.getTime()).toBeGreaterThanOrEqual(before - 5 * 60_000);
    expect(old.createdAt.getTime()).toBeLessThan(before - 4 * 60_000);
    expect(future.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
  });

  it("refuse an unsigned call (404), and an oversized or malformed batch (400) without writing any of it", async () => {
    const db = await getDb();
    const before = await db.securityEvent.count();
    expect((await post({ events: [probe(1, "localhost", Date.now())], undelivered: 0 }, false)).status).toBe(404);
    const tooMany = Array.from({ length: EDGE_BATCH_SIZE + 1 }, (_, i) => probe(i, "localhost", Date.now()));
    expect((await post({ events: tooMany, undelivered: 0 })).status).toBe(400);
    expect((await post({ events: "all of them", undelivered: 0 })).status).toBe(400);
    expect((await post({ events: [], undelivered: -1 })).status).toBe(400);
    expect((await post({ events: [], undelivered: 0, tenantId: "x" })).status).toBe(400);
    expect((await post({ id: "", events: [], undelivered: 0 })).status).toBe(400);
    await flushSecurityEvents();
    expect(await db.securityEvent.count()).toBe(before);
  });
});
