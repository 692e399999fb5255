import "../support/in-process-mocks";
import { beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { flushSecurityEvents } from "@/lib/telemetry/security-events";
import { tagAsvs } from "@/security/asvs-ids";
import { getDb } from "../support/db";
import { fingerprintDatabase, listChangedTables } from "../support/db-fingerprint";
import { listActionHandlers, listRouteHandlers } from "../support/handler-catalog";
import { callAction, callRoute, loadActingUsers, userFor, type ActingUsers } from "../support/handler-call";

// What every handler refuses before its work, checked on each one the app tree has: fields it
// did not ask for (mass assignment), a field sent twice, and a caller whose role it does not
// serve — which must also leave a trace in the security log.

const routes = (await listRouteHandlers()).filter((route) => route.mark.kind === "route");
const actions = await listActionHandlers();
const writeRoutes = routes.filter((route) => route.method !== "GET");
const roleRoutes = routes.filter((route) => typeof route.mark.access === "object");
const label = (route: (typeof routes)[number]) => `${route.method} ${route.template}`;

// What a caller would like to set on a row it does not own.
const SMUGGLED = { tenantId: "another-store", role: "ADMINISTRATOR", priceMinor: 1, isAdmin: true, userId: "someone" };
let users: ActingUsers;

beforeAll(async () => {
  users = await loadActingUsers();
});

/** The unknown keys zod named in a refusal's field errors. */
function namedUnknownKeys(messages: string[] | undefined): string[] {
  return Object.keys(SMUGGLED).filter((key) => (messages ?? []).some((message) => message.includes(`"${key}"`)));
}

/** The smuggled keys a handler's schema does not define (a variant's price is its own field). */
function foreignKeys(schema: z.ZodType | undefined): string[] {
  const properties =
    (z.toJSONSchema(schema ?? z.object({}), { unrepresentable: "any", io: "input" }) as { properties?: object })
      .properties ?? {};
  return Object.keys(SMUGGLED).filter((key) => !(key in properties));
}

describe(`${tagAsvs("V4.1.2", "V5.1.2")} mass assignment`, () => {
  it.each(writeRoutes.map((route) => [label(route), route] as const))(
    "%s refuses fields it did not ask for, naming them, and writes nothing",
    async (_name, route) => {
      const before = fingerprintDatabase();
      const contentType = route.mark.body === "multipart" ? "multipart/form-data" : "application/json";
      const body = route.mark.body === "multipart" ? toForm(SMUGGLED) : JSON.stringify(SMUGGLED);
      const outcome = await callRoute(route, {
        user: userFor(route.mark.access, users),
        params: Object.fromEntries(route.params.map((name) => [name, "x"])),
        ...(route.mark.body === "multipart" ? {} : { contentType }),
        body,
      });
      expect(outcome.status).toBe(400);
      const answer = JSON.parse(outcome.text) as { fieldErrors?: Record<string, string[]> };
      expect(namedUnknownKeys(answer.fieldErrors?.form)).toEqual(foreignKeys(route.mark.schema));
      expect(listChangedTables(before, fingerprintDatabase())).toEqual([]);
    },
  );

  it.each(actions.map((action) => [action.exportName, action] as const))(
    "%s refuses fields it did not ask for, naming them, and writes nothing",
    async (_name, action) => {
      const before = fingerprintDatabase();
      const outcome = await callAction(action, toForm(SMUGGLED), userFor(action.mark.access, users));
      expect(outcome.state?.status).toBe("error");
      expect(namedUnknownKeys(outcome.state?.fieldErrors?.form)).toEqual(foreignKeys(action.mark.schema));
      expect(listChangedTables(before, fingerprintDatabase())).toEqual([]);
    },
  );
});

function toForm(fields: Record<string, unknown>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, String(value));
  return form;
}

describe(`${tagAsvs("V5.1.1")} a field sent twice`, () => {
  it.each(actions.map((action) => [action.exportName, action] as const))(
    "%s refuses it whatever the values, and writes nothing",
    async (_name, action) => {
      const before = fingerprintDatabase();
      const form = new FormData();
      form.append("email", "shopper@northwind.test");
      form.append("email", "attacker@example.test");
      const outcome = await callAction(action, form, userFor(action.mark.access, users));
      expect(outcome.state).toEqual({ status: "error", message: "A field was sent more than once." });
      expect(listChangedTables(before, fingerprintDatabase())).toEqual([]);
    },
  );
});

describe(`${tagAsvs("V4.1.3", "V7.2.2")} a caller of the wrong role`, () => {
  it.each(roleRoutes.map((route) => [label(route), route] as const))(
    "%s answers a customer 404, changes nothing and records access.denied",
    async (_name, route) => {
      const db = await getDb();
      const before = fingerprintDatabase();
      const since = new Date();
      const customer = {
        ...users.shopper,
        tenantId: route.mark.tenantKind === "PLATFORM" ? users.administrator.tenantId : users.shopper.tenantId,
      };
      const outcome = await callRoute(route, {
        user: customer,
        params: Object.fromEntries(route.params.map((name) => [name, "x"])),
        contentType: "application/json",
        body: "{}",
      });
      expect(outcome.status).toBe(404);
      expect(JSON.parse(outcome.text)).toEqual({ error: "Not found." });
      await flushSecurityEvents();
      const events = await db.securityEvent.findMany({
        where: { type: "access.denied", route: route.mark.name, createdAt: { gte: since } },
      });
      // One event, naming the role that asked and the roles the route serves (the actor is pseudonymised).
      expect(events.map((event) => JSON.parse(event.details) as unknown)).toEqual([
        { role: "CUSTOMER", required: (route.mark.access as { roles: string[] }).roles },
      ]);
      expect(listChangedTables(before, fingerprintDatabase())).toEqual([]);
    },
  );
});
