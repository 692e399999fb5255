import { NextRequest, type NextFetchEvent } from "next/server";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { middleware } from "@/middleware";
import { CREDENTIAL_TAG_LENGTH } from "@/lib/identity/credential-tag";
import { setBlocksForTest } from "@/lib/rate-limit/blocks";
import { verifyInternalCall } from "@/lib/security/internal-auth";
import { PROBE_REPORTS_PER_SECOND } from "@/lib/security/probe-patterns";
import { READ_WEIGHT, SCRAPE_THRESHOLD, SCRAPE_WINDOW_MS } from "@/lib/security/scrape-watch";
import { DETECTION_RULES } from "@/lib/telemetry/detection-rules";
import { tagAsvs } from "@/security/asvs-ids";
import {
  EDGE_BATCH_MAX_BYTES,
  EDGE_BATCH_SIZE,
  EDGE_PARALLEL_POSTS,
  EDGE_QUEUE_LIMIT,
  readEdgeQueueForTest,
  reportFromEdge,
  resetEdgeQueueForTest,
  SECURITY_EVENTS_PATH,
  setEdgeRetryDelaysForTest,
  type QueuedEdgeEvent,
} from "@/lib/telemetry/edge-report";

// Issue 12: the middleware's events under a flood. One internal call per event lost a third of a
// 1,500-client IPv6 flood to timeouts, with nothing in the log to say so; now they travel in
// batches, and what is lost is counted and said.

type Posted = { id: string; events: QueuedEdgeEvent[]; undelivered: number };
let posted: Posted[];
/** Which tries of a batch fail: by the batch and how often it was tried before. */
let failing: (batch: Posted, tries: number) => boolean;
let tries: Map<string, number>;
let pending: Promise<unknown>[];

const event = { waitUntil: (promise: Promise<unknown>) => pending.push(promise) } as unknown as NextFetchEvent;
const request = (i: number) =>
  new NextRequest(`http://localhost:3000/missing-${i}`, {
    headers: { "user-agent": "python-requests/2.32", "x-request-id": `req-${i}` },
  });
const report = (i: number) =>
  reportFromEdge(
    request(i),
    event,
    { type: "probe.not_found", severity: "WARNING", route: `/missing-${i}`, host: "localhost", details: {} },
    `2001:db8:${(i % 5000).toString(16)}::1`,
  );
const settle = async () => {
  while (pending.length > 0) await Promise.all(pending.splice(0));
};

beforeEach(() => {
  posted = [];
  failing = () => false;
  tries = new Map();
  pending = [];
  resetEdgeQueueForTest();
  setEdgeRetryDelaysForTest([1, 1]);
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    // Each call is signed for the route that reads it, within what it reads.
    const body = String(init.body);
    expect(body.length).toBeLessThanOrEqual(EDGE_BATCH_MAX_BYTES);
    const verified = await verifyInternalCall(
      new Request(url, { method: "POST", headers: init.headers, body }),
      SECURITY_EVENTS_PATH,
      Date.now(),
      EDGE_BATCH_MAX_BYTES,
    );
    expect(verified.ok).toBe(true);
    const batch = JSON.parse(body) as Posted;
    const before = tries.get(batch.id) ?? 0;
    tries.set(batch.id, before + 1);
    if (failing(batch, before)) throw new TypeError("fetch failed: timeout");
    posted.push(batch);
    return new Response(null, { status: 204 });
  });
});
afterEach(() => {
  vi.unstubAllGlobals();
  setEdgeRetryDelaysForTest();
});
const carries = (batch: Posted, route: string) => batch.events.some((e) => e.route === route);

describe("the middleware's events", () => {
  it(`${tagAsvs("V7.1.3")} cross a burst of 5,000 clients in batches, every one of them, each with its client and time`, async () => {
    const before = Date.now();
    for (let i = 0; i < 5_000; i++) report(i);
    await settle();
    const delivered = posted.flatMap((batch) => batch.events);
    expect(delivered).toHaveLength(5_000);
    expect(posted.length).toBe(5_000 / EDGE_BATCH_SIZE);
    expect(new Set(delivered.map((e) => e.route)).size).toBe(5_000);
    expect(delivered.find((e) => e.route === "/missing-7")).toMatchObject({
      clientIp: "2001:db8:7::1",
      requestId: "req-7",
      userAgent: "python-requests/2.32",
    });
    expect(delivered.every((e) => e.at >= before && e.at <= Date.now())).toBe(true);
    expect(posted.every((batch) => batch.undelivered === 0)).toBe(true);
  });

  it("try a failed batch again, under the same id, and deliver it once", async () => {
    failing = (batch, before) => carries(batch, "/missing-0") && before < 2;
    for (let i = 0; i < EDGE_BATCH_SIZE + 30; i++) report(i);
    await settle();
    expect(posted.flatMap((batch) => batch.events)).toHaveLength(EDGE_BATCH_SIZE + 30);
    const retried = posted.find((batch) => carries(batch, "/missing-0"))!;
    expect(tries.get(retried.id)).toBe(3);
    expect(posted.every((batch) => batch.undelivered === 0)).toBe(true);
  });

  it(`${tagAsvs("V7.1.3")} count what a batch that never got through lost, and say it with the next batch`, async () => {
    failing = (batch) => carries(batch, "/missing-0");
    for (let i = 0; i < EDGE_BATCH_SIZE + 30; i++) report(i);
    await settle();
    report(999);
    await settle();
    // Tried three times, then counted; the next batch that got through carried the count.
    expect([...tries.values()].filter((n) => n === 3)).toHaveLength(1);
    expect(posted.flatMap((batch) => batch.events)).toHaveLength(31);
    expect(posted.reduce((sum, batch) => sum + batch.undelivered, 0)).toBe(EDGE_BATCH_SIZE);
    expect(readEdgeQueueForTest()).toEqual({ queued: 0, undelivered: 0 });
  });

  it("hold at most the queue's bound, and count the rest", async () => {
    for (let i = 0; i < EDGE_QUEUE_LIMIT + 25; i++) report(i);
    expect(readEdgeQueueForTest()).toEqual({ queued: EDGE_QUEUE_LIMIT, undelivered: 25 });
    await settle();
    expect(posted.flatMap((batch) => batch.events)).toHaveLength(EDGE_QUEUE_LIMIT);
    expect(posted.reduce((sum, batch) => sum + batch.undelivered, 0)).toBe(25);
  });

  it("keep a count that could not be said until a call gets through", async () => {
    failing = (batch) => ["/missing-0", "/missing-1", "/missing-2"].some((route) => carries(batch, route));
    for (let round = 0; round < 4; round++) {
      report(round);
      await settle();
    }
    expect(posted).toEqual([expect.objectContaining({ undelivered: 3 })]);
    expect(posted[0]!.events).toHaveLength(1);
  });
});

const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
const through = (ip: string, path: string, headers: Record<string, string> = {}) =>
  middleware(
    new NextRequest(new URL(path, "http://localhost:3000"), {
      headers: { host: "localhost:3000", "x-bulwark-peer-ip": ip, "user-agent": chrome, ...headers },
    }),
    event,
  );

describe("the middleware reporting what it sees", () => {
  beforeEach(() => setBlocksForTest([]));

  it("reports a path nothing serves, answers it as usual, and one another site's page made a browser ask for apart", async () => {
    const answer = await through("198.51.105.7", "/backup-2019");
    expect(answer.status).not.toBe(403);
    await through("198.51.105.8", "/backup-2019", {
      "sec-fetch-site": "cross-site",
      "sec-fetch-mode": "no-cors",
      "sec-fetch-dest": "image",
    });
    await through("198.51.105.9", "/products");
    await settle();
    const delivered = posted.flatMap((batch) => batch.events);
    expect(delivered.map((e) => [e.type, e.clientIp, e.route])).toEqual([
      ["probe.not_found", "198.51.105.7", "/backup-2019"],
      ["probe.cross_site", "198.51.105.8", "/backup-2019"],
    ]);
  });

  it(`reports at most ${PROBE_REPORTS_PER_SECOND} probes a second per client, however fast it asks`, async () => {
    const began = Date.now();
    for (let i = 0; i < 300; i++) await through("198.51.105.10", `/word-${i}`);
    const seconds = Math.floor(Date.now() / 1_000) - Math.floor(began / 1_000) + 1;
    await settle();
    const reported = posted.flatMap((batch) => batch.events).filter((e) => e.type === "probe.not_found").length;
    expect(reported).toBeGreaterThanOrEqual(Math.min(300, PROBE_REPORTS_PER_SECOND));
    expect(reported).toBeLessThanOrEqual(seconds * PROBE_REPORTS_PER_SECOND);
  });
});

describe("README's figures for the middleware's reports", () => {
  it("are the ones the code uses", async () => {
    const { readFileSync } = await import("node:fs");
    const path = await import("node:path");
    const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8").replace(/\s+/g, " ");
    expect(readme).toContain(`up to ${PROBE_REPORTS_PER_SECOND} times a second per client`);
    expect(readme).toContain(`batches of up to ${EDGE_BATCH_SIZE} to an internal`);
    expect(readme).toContain(`Its queue holds ${EDGE_QUEUE_LIMIT.toLocaleString("en")}`);
    expect(EDGE_PARALLEL_POSTS).toBe(3);
    expect(readme).toContain("three calls at a time. A batch that fails is tried twice more under the same id");
    // Tried twice more: see "try a failed batch again", which counts three tries.
    expect(readme).toContain(`a ${CREDENTIAL_TAG_LENGTH * 4}-bit keyed fingerprint of the password tried`);
    const enumeration = DETECTION_RULES.find((r) => r.name === "path-enumeration")!;
    expect(readme).toContain(
      `A client asking for ${enumeration.threshold} unserved paths in a minute is enumerating a word list (\`path-enumeration\`) and is blocked for ${enumeration.contain!.ttlMs / 60_000} minutes`,
    );
    expect(enumeration.windowMs).toBe(60_000);
    expect(READ_WEIGHT.page / READ_WEIGHT.prefetch).toBe(5);
    expect(readme).toContain("a browser's prefetch of a link counts a fifth of a page");
    expect(SCRAPE_WINDOW_MS).toBe(2 * 60_000);
    expect(readme).toContain(`past ${SCRAPE_THRESHOLD} pages in two minutes`);
  });
});
