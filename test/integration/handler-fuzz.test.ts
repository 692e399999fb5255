import "../support/in-process-mocks";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tagAsvs } from "@/security/asvs-ids";
import { listActionHandlers, listRouteHandlers, type ActionEntry, type RouteEntry } from "../support/handler-catalog";
import {
  callAction,
  callRoute,
  loadActingUsers,
  userFor,
  type ActingUsers,
  type RouteCall,
} from "../support/handler-call";
import { fingerprintDatabase, listChangedTables } from "../support/db-fingerprint";
import { countFuzzCall, fuzzParameters, writeFuzzCounts } from "../support/fuzz-budget";
import {
  hostileJsonText,
  hostileObject,
  hostileQuery,
  oddText,
  segmentValue,
  shapedBy,
  useKnownIds,
  wrongJsonContentType,
} from "../support/hostile-input";
import { getDb } from "../support/db";

// Issue 13, fuzzing: every route handler and server action of the app, driven in-process with
// input shaped by its own zod schema and with hostile input (wrong types, huge values, odd
// unicode, prototype keys, deep nesting, duplicate keys, wrong content types). No call may escape
// as a 5xx, and a refused call writes no row (the security log aside, which refusals feed).

// Every answer a handler may give; a 5xx is never one of them.
const ANSWERS = [200, 201, 204, 303, 400, 401, 403, 404, 405, 409, 410, 413, 415, 422, 429];
const routes = await listRouteHandlers();
const actions = await listActionHandlers();
const guardedRoutes = routes.filter((route) => route.mark.kind === "route");
const externalRoutes = routes.filter((route) => route.mark.kind === "external");
const jsonBodyRoutes = guardedRoutes.filter((route) => route.method !== "GET" && route.mark.body === "json");
const label = (route: RouteEntry) => `${route.method} ${route.template}`;
let users: ActingUsers;

beforeAll(async () => {
  users = await loadActingUsers();
  useKnownIds(await listKnownIds());
});

/** Ids of both stores' rows: one's own reach the handler, the other's must be refused. */
async function listKnownIds(): Promise<string[]> {
  const db = await getDb();
  const take = { select: { id: true }, take: 4 } as const;
  const rows = await Promise.all([
    db.product.findMany(take),
    db.variant.findMany(take),
    db.order.findMany(take),
    db.user.findMany(take),
    db.productImage.findMany(take),
    db.securityAlert.findMany(take),
    db.outboundEmail.findMany(take),
    db.securityBlock.findMany(take),
  ]);
  const tenants = await db.tenant.findMany({ select: { slug: true } });
  return [...rows.flat().map((row) => row.id), ...tenants.map((tenant) => tenant.slug)];
}

afterAll(() => {
  const { calls, handlers } = writeFuzzCounts("handler-fuzz");
  console.log(
    `fuzz: ${calls} calls over ${handlers} handlers (seed ${fuzzParameters.seed}, ${fuzzParameters.numRuns} runs a property)`,
  );
});

const paramsFor = (route: RouteEntry) =>
  fc.record(Object.fromEntries(route.params.map((name) => [name, segmentValue(name)])));

function requestsFor(route: RouteEntry): fc.Arbitrary<Omit<RouteCall, "user">> {
  const params = paramsFor(route);
  if (route.method === "GET") {
    const shaped = shapedBy(route.mark.schema).map((object) =>
      new URLSearchParams(object as Record<string, string>).toString(),
    );
    return fc.record({ params, query: fc.oneof(shaped, hostileQuery) });
  }
  if (route.mark.body === "multipart") {
    return fc.record({
      params,
      contentType: fc.constantFrom("application/json", "multipart/form-data; boundary=x"),
      body: fc.oneof(oddText, hostileJsonText),
    });
  }
  const json = fc
    .oneof(
      { weight: 3, arbitrary: shapedBy(route.mark.schema) },
      { weight: 2, arbitrary: hostileObject(route.mark.schema) },
    )
    .map((object) => JSON.stringify(object));
  return fc.record({
    params,
    contentType: fc.oneof(
      { weight: 4, arbitrary: fc.constant("application/json") },
      { weight: 1, arbitrary: wrongJsonContentType },
    ),
    body: fc.oneof(
      { weight: 3, arbitrary: json },
      { weight: 1, arbitrary: hostileJsonText },
      { weight: 1, arbitrary: oddText },
    ),
  });
}

/** Calls the handler, checks the properties every call must keep, and returns the status. */
async function callAndCheck(route: RouteEntry, call: RouteCall): Promise<number> {
  const before = fingerprintDatabase();
  const outcome = await callRoute(route, call);
  expect(outcome.escaped, `${label(route)} let an error escape`).toBeUndefined();
  expect(ANSWERS).toContain(outcome.status);
  expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
  if (outcome.status >= 400)
    expect(listChangedTables(before, fingerprintDatabase()), `${label(route)} refused but wrote`).toEqual([]);
  countFuzzCall(label(route), outcome.status >= 400);
  return outcome.status;
}

describe(`${tagAsvs("V5.1.3", "V5.1.4", "V7.4.2", "V13.2.2", "V4.1.5")} route handlers under fuzzing`, () => {
  it.each(guardedRoutes.map((route) => [label(route), route] as const))(
    "%s: shaped and hostile input never escapes, and a refusal writes nothing",
    async (_name, route) => {
      const user = userFor(route.mark.access, users);
      await fc.assert(
        fc.asyncProperty(requestsFor(route), async (call) => void (await callAndCheck(route, { ...call, user }))),
        fuzzParameters,
      );
    },
  );
});

describe(`${tagAsvs("V13.1.5", "V13.2.5")} content types`, () => {
  it.each(jsonBodyRoutes.map((route) => [label(route), route] as const))(
    "%s refuses every body that is not JSON with 415",
    async (_name, route) => {
      const user = userFor(route.mark.access, users);
      await fc.assert(
        fc.asyncProperty(wrongJsonContentType, paramsFor(route), async (contentType, params) => {
          expect(await callAndCheck(route, { user, params, contentType, body: "{}" })).toBe(415);
        }),
        fuzzParameters,
      );
    },
  );
});

describe(`${tagAsvs("V5.5.3", "V5.1.1")} JSON that JSON.stringify cannot make`, () => {
  it.each(jsonBodyRoutes.map((route) => [label(route), route] as const))(
    "%s answers 400 to prototype keys, duplicate keys, deep nesting, non-objects and broken JSON",
    async (_name, route) => {
      const user = userFor(route.mark.access, users);
      await fc.assert(
        fc.asyncProperty(hostileJsonText, async (body) => {
          expect(await callAndCheck(route, { user, params: {}, contentType: "application/json", body })).toBe(400);
        }),
        { ...fuzzParameters, numRuns: Math.max(fuzzParameters.numRuns, 11) },
      );
    },
  );
});

describe(`${tagAsvs("V12.3.1")} media file names`, () => {
  it("a path, an encoded path or a foreign store's key is a 404, never a file", async () => {
    const media = guardedRoutes.find((route) => route.template === "/media/[file]")!;
    const names = [
      "../../package.json",
      "..%2F..%2Fpackage.json",
      "/etc/passwd",
      "..\\..\\.env",
      `${"0".repeat(32)}.png`,
      "data/dev-secret",
    ];
    for (const file of names) expect(await callAndCheck(media, { user: null, params: { file } })).toBe(404);
  });
});

describe(`${tagAsvs("V7.4.2", "V4.1.5")} routes that authenticate their caller themselves`, () => {
  it.each(externalRoutes.map((route) => [label(route), route] as const))(
    "%s refuses unauthenticated garbage with a 4xx",
    async (_name, route) => {
      const params: Record<string, string[]> = route.template.includes("nextauth")
        ? { nextauth: ["callback", "credentials"] }
        : {};
      await fc.assert(
        fc.asyncProperty(
          fc.oneof(hostileJsonText, oddText),
          fc.oneof(fc.constant("application/json"), wrongJsonContentType),
          async (body, contentType) => {
            const status = await callAndCheck(route, { user: null, params, contentType, body });
            expect([400, 401, 403, 404, 405, 413, 415, 429]).toContain(status);
          },
        ),
        fuzzParameters,
      );
    },
  );
});

/** A form from an object: hostile values become text or a file, and a field may come twice. */
function formFrom(object: Record<string, unknown>, duplicate: string | null): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(object)) {
    if (value instanceof Object && !Array.isArray(value) && Object.keys(value).length === 0)
      form.append(name, new Blob(["<svg/>"]), "x.svg");
    else form.append(name, typeof value === "string" ? value : (JSON.stringify(value) ?? ""));
  }
  if (duplicate !== null && Object.keys(object).length) form.append(Object.keys(object)[0]!, duplicate);
  return form;
}

async function callActionAndCheck(action: ActionEntry, form: unknown): Promise<string> {
  const before = fingerprintDatabase();
  const outcome = await callAction(action, form, userFor(action.mark.access, users));
  expect(outcome.escaped, `${action.exportName} let an error escape`).toBeUndefined();
  const status = outcome.redirected ? "redirect" : outcome.state!.status;
  expect(["error", "success", "redirect"]).toContain(status);
  if (status === "error")
    expect(listChangedTables(before, fingerprintDatabase()), `${action.exportName} refused but wrote`).toEqual([]);
  countFuzzCall(`action ${action.exportName}`, status === "error");
  return status;
}

describe(`${tagAsvs("V5.1.3", "V5.1.4", "V7.4.2")} server actions under fuzzing`, () => {
  it.each(actions.map((action) => [action.exportName, action] as const))(
    "%s: shaped and hostile forms never escape, and a refusal writes nothing",
    async (_name, action) => {
      const objects = fc.oneof(
        { weight: 3, arbitrary: shapedBy(action.mark.schema) },
        { weight: 2, arbitrary: hostileObject(action.mark.schema) },
      );
      await fc.assert(
        fc.asyncProperty(objects, fc.option(oddText, { freq: 3 }), async (object, duplicate) => {
          const status = await callActionAndCheck(action, formFrom(object, duplicate));
          if (duplicate !== null && Object.keys(object).length) expect(status).toBe("error");
        }),
        fuzzParameters,
      );
    },
  );

  it.each(actions.map((action) => [action.exportName, action] as const))(
    "%s refuses arguments that are not a form",
    async (_name, action) => {
      for (const argument of [null, {}, "email=a@b.c", [["email", "a@b.c"]], 12]) {
        const outcome = await callAction(action, argument, userFor(action.mark.access, users));
        expect(outcome.state).toEqual({ status: "error", message: "Send the form's fields." });
      }
    },
  );
});
