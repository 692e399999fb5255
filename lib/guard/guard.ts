import "server-only";
import { headers } from "next/headers";
import { z } from "zod";
import { getTenantDb, type TenantDb } from "@/lib/db";
import { getCurrentUser, type CurrentUser } from "@/lib/identity/current-user";
import { needsSecondFactor } from "@/lib/identity/second-factor-policy";
import type { SessionRole, StoreRole } from "@/lib/identity/session-token";
import { findTenantByHost, normalizeHost, type TenantDto } from "@/lib/tenancy";
import { isSameOrigin } from "@/lib/tenancy/host";
import { accountKey, enforceLimitInHandler } from "@/lib/rate-limit/enforce";
import type { PolicyName } from "@/lib/rate-limit/policies";
import { findContainment } from "@/lib/telemetry/containment";
import { recordAccessDenied, recordIdMiss, recordSecurityEvent } from "@/lib/telemetry/security-events";
import type { ActionState } from "@/lib/security/action-state";
import { DomainError } from "@/lib/security/domain-error";
import { jsonNoStore } from "@/lib/security/json-response";
import { readFormCapped, readTextCapped } from "@/lib/security/read-body";
import { getRequestMeta, readRequestMeta, type RequestMeta } from "@/lib/security/request-context";

// The one guard. Every server action and route handler goes through it: it resolves the tenant
// from the request's own Host, authenticates, checks the role, and validates the input with zod
// before the handler sees any of it.

/**
 * Who may call a handler. `storeRoles` narrows a merchant handler to some places in the store's
 * team (owners run the team, staff run the shop): a merchant without one of them is refused (403)
 * and the refusal is logged, like a wrong role.
 */
export type Access = "public" | "signed-in" | { roles: SessionRole[]; storeRoles?: StoreRole[] };

type GuardOptions<S extends z.ZodType> = {
  /** For the security log: which action or route this is. */
  name: string;
  access: Access;
  schema: S;
  /** Which kind of tenant serves it (default STORE); "ANY" for what stores and the platform share. */
  tenantKind?: TenantDto["kind"] | "ANY";
  /**
   * "enrolment" only for the actions that set up two-step verification: everything else refuses
   * an administrator whose session has not passed it.
   */
  secondFactor?: "enrolment";
};

/**
 * Actions also name the rate-limit class they count under: Next.js dispatches an action by its id
 * whatever path it is posted to, so the middleware cannot tell which action will run and counts it
 * only as page traffic. The action counts itself here — by client address and user, and, with
 * `limitAccount`, by the account in its parsed input (the one the handler will act on).
 */
type ActionOptions<S extends z.ZodType> = GuardOptions<S> & {
  limit: PolicyName;
  limitAccount?: (input: z.output<S>) => string | undefined;
};

/** What a guarded handler gets: the tenant, the user, request metadata and a client scoped to the tenant. */
export type GuardContext<U> = { tenant: TenantDto; user: U; meta: RequestMeta; db: TenantDb };
type UserFor<A extends Access> = A extends "public" ? CurrentUser | null : CurrentUser;

export type { ActionState } from "@/lib/security/action-state";

/**
 * The mark every guarded handler carries. A test imports every route module and server-action
 * module of the app and refuses any export without it, so an unguarded handler cannot slip in.
 */
export const GUARDED = Symbol.for("bulwark.guarded");

/**
 * What the guard checks for a handler, carried on the mark so the verification suite can drive
 * every handler from the schema it really parses with (test/integration/handler-fuzz.test.ts).
 */
export type GuardMark = {
  kind: "route" | "action" | "external";
  name: string;
  access?: Access;
  schema?: z.ZodType;
  body?: "json" | "multipart";
  tenantKind?: TenantDto["kind"] | "ANY";
};

function mark<T extends object>(handler: T, value: GuardMark): T {
  Object.defineProperty(handler, GUARDED, { value, enumerable: false });
  return handler;
}

/** The mark of a handler, if it went through the guard. */
export function readGuardMark(value: unknown): GuardMark | undefined {
  return typeof value === "function" ? (value as unknown as Record<symbol, GuardMark | undefined>)[GUARDED] : undefined;
}

const errorBody = (error: DomainError) => ({
  error: error.publicMessage,
  ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
});

function safeDecode(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null;
  }
}

function firstErrors(error: z.ZodError): Record<string, string[]> {
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = String(issue.path[0] ?? "form");
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return fieldErrors;
}

async function authorize<A extends Access>(
  options: { name: string; access: A; tenantKind?: TenantDto["kind"] | "ANY"; secondFactor?: "enrolment" },
  tenant: TenantDto | null,
  user: CurrentUser | null,
  meta: RequestMeta,
): Promise<{ tenant: TenantDto; user: UserFor<A> }> {
  const kind = options.tenantKind ?? "STORE";
  if (!tenant || (kind !== "ANY" && tenant.kind !== kind)) throw new DomainError(404, "Not found.");
  if (options.access === "public") return { tenant, user: user as UserFor<A> };
  if (!user) throw new DomainError(401, "Please sign in to continue.");
  if (typeof options.access === "object" && !options.access.roles.includes(user.role)) {
    await recordAccessDenied({
      tenantId: tenant.id,
      actor: user.email,
      ip: meta.ip,
      route: options.name,
      role: user.role,
      required: options.access.roles,
    });
    throw new DomainError(404, "Not found.");
  }
  const storeRoles = typeof options.access === "object" ? options.access.storeRoles : undefined;
  if (storeRoles && !(user.storeRole && storeRoles.includes(user.storeRole))) {
    await recordSecurityEvent({
      type: "access.denied",
      severity: "WARNING",
      tenantId: tenant.id,
      actor: user.email,
      ip: meta.ip,
      route: options.name,
      details: { role: user.role, storeRole: user.storeRole, requiredStoreRoles: storeRoles },
    });
    throw new DomainError(403, "Only the store's owners can do that.");
  }
  if (needsSecondFactor(user) && options.secondFactor !== "enrolment") {
    await recordSecurityEvent({
      type: "auth.second_factor_missing",
      severity: "WARNING",
      tenantId: tenant.id,
      actor: user.email,
      ip: meta.ip,
      route: options.name,
    });
    throw new DomainError(403, "Set up two-step verification, or sign in again with it, to continue.");
  }
  return { tenant, user: user as UserFor<A> };
}

async function rejectInput(tenant: TenantDto, name: string, meta: RequestMeta, error: z.ZodError): Promise<never> {
  await recordSecurityEvent({
    type: "input.rejected",
    severity: "INFO",
    tenantId: tenant.id,
    ip: meta.ip,
    route: name,
    details: { fields: error.issues.slice(0, 10).map((issue) => issue.path.join(".")) },
  });
  throw new DomainError(400, "Some fields need your attention.", firstErrors(error));
}

/** An action's fields; one sent twice is refused (which one would count, the first or the last?). */
function formFields(formData: unknown): Record<string, FormDataEntryValue> {
  // An action can be called with any serialisable arguments, not only the form's.
  if (!(formData instanceof FormData)) throw new DomainError(400, "Send the form's fields.");
  const fields = new Map<string, FormDataEntryValue>();
  for (const [name, value] of formData.entries()) {
    if (name.startsWith("$ACTION")) continue;
    if (fields.has(name)) throw new DomainError(400, "A field was sent more than once.");
    fields.set(name, value);
  }
  return Object.fromEntries(fields);
}

async function countActionAttempt(
  policy: PolicyName,
  keys: { ip?: string; user?: string; account?: string },
  tenant: TenantDto,
  meta: RequestMeta,
): Promise<void> {
  const decision = await enforceLimitInHandler(policy, keys);
  if (decision.kind === "allowed") return;
  if (decision.report) {
    await recordSecurityEvent({ ...decision.report, tenantId: tenant.id, ip: meta.ip, route: meta.route });
  }
  if (decision.kind === "blocked") {
    const minutes = Math.max(1, Math.ceil((decision.reset - Date.now()) / 60_000));
    const subject = keys.account ? "for this email address" : "from you";
    throw new DomainError(429, `Too many attempts ${subject}. Please try again in ${minutes} minutes.`);
  }
  if (decision.refuse) {
    throw new DomainError(503, "This action is briefly unavailable. Please try again in a few seconds.");
  }
}

/**
 * Wraps a form server action (for useActionState). The handler receives parsed input and the
 * guard context; rejections come back as an error state, never as a thrown 500. Secret fields
 * are never echoed back in the state.
 */
export function guardedAction<S extends z.ZodType, A extends Access, T = undefined>(
  options: ActionOptions<S> & { access: A },
  handler: (input: z.output<S>, context: GuardContext<UserFor<A>>) => Promise<ActionState<T>>,
): (previous: ActionState<T>, formData: FormData) => Promise<ActionState<T>> {
  return mark(
    async (_previous: ActionState<T>, formData: FormData): Promise<ActionState<T>> => {
      try {
        const meta = await getRequestMeta(options.name);
        const host = normalizeHost((await headers()).get("host"));
        const tenant = host ? await findTenantByHost(host) : null;
        const user = tenant ? await getCurrentUser(tenant) : null;
        const context = await authorize(options, tenant, user, meta);
        if (await findContainment(meta.ip, options.limit)) {
          throw new DomainError(
            403,
            "Requests like this one from your network are paused for a while after suspicious activity. If you think this is a mistake, contact the shop.",
          );
        }
        await countActionAttempt(
          options.limit,
          { ip: meta.ip, ...(user ? { user: user.id } : {}) },
          context.tenant,
          meta,
        );
        const raw = formFields(formData);
        const parsed = options.schema.safeParse(raw);
        if (!parsed.success) await rejectInput(context.tenant, options.name, meta, parsed.error);
        const input = parsed.data as z.output<S>;
        const account = options.limitAccount?.(input);
        if (account) {
          const key = await accountKey(context.tenant.id, account);
          await countActionAttempt(options.limit, { account: key }, context.tenant, meta);
        }
        return await handler(input, { ...context, meta, db: await getTenantDb(context.tenant.id) });
      } catch (error) {
        if (error instanceof DomainError) {
          return {
            status: "error",
            message: error.publicMessage,
            ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
          };
        }
        throw error;
      }
    },
    {
      kind: "action",
      name: options.name,
      access: options.access,
      schema: options.schema,
      tenantKind: options.tenantKind,
    },
  );
}

const MAX_JSON_BYTES = 64 * 1024;
const MAX_MULTIPART_BYTES = 4 * 1024 * 1024;

type RouteContext = { params?: Promise<Record<string, string | string[]>> };

async function readRouteInput(
  request: Request,
  host: string | null,
  body: "json" | "multipart",
): Promise<Record<string, unknown>> {
  if (request.method === "GET" || request.method === "HEAD")
    return Object.fromEntries(new URL(request.url).searchParams);
  // Cookies are SameSite=Lax already; a foreign Origin, or a body a plain cross-site form could
  // send to a JSON route, is refused as well.
  const origin = request.headers.get("origin");
  if (origin && !isSameOrigin(origin, request.headers.get("host"))) {
    throw new DomainError(403, "Cross-site request refused.");
  }
  // The media type itself, not a substring: "text/plain;application/json" is a plain-text body a
  // cross-site form can send.
  const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (body === "multipart") {
    if (type !== "multipart/form-data") throw new DomainError(415, "Send the file as multipart/form-data.");
    const read = await readFormCapped(request, MAX_MULTIPART_BYTES);
    if (!read.ok && read.reason === "too-large") throw new DomainError(413, "That upload is too large.");
    if (!read.ok) throw new DomainError(400, "The upload could not be read.");
    return Object.fromEntries(read.form.entries());
  }
  if (type && type !== "application/json" && request.headers.get("content-length") !== "0") {
    throw new DomainError(415, "Send a JSON body (Content-Type: application/json).");
  }
  const read = await readTextCapped(request, MAX_JSON_BYTES);
  if (!read.ok && read.reason === "too-large") throw new DomainError(413, "Request body too large.");
  if (!read.ok) throw new DomainError(400, "The request body could not be read.");
  const text = read.text;
  let parsed: unknown;
  try {
    parsed = text ? JSON.parse(text) : {};
  } catch {
    throw new DomainError(400, "The request body is not valid JSON.");
  }
  if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) throw new DomainError(400, "Send a JSON object.");
  return parsed as Record<string, unknown>;
}

/**
 * Wraps a route handler. Input is the query (GET) or the body (JSON, or multipart for uploads),
 * with the route's dynamic segments (`[id]`) merged in; failures answer JSON with 400, 401, 403,
 * 404, 413 or 415 — never a 500 for bad input.
 */
export function guardedRoute<S extends z.ZodType, A extends Access>(
  options: GuardOptions<S> & {
    access: A;
    body?: "json" | "multipart";
    /**
     * Whether the route is served at all (the bench's reference route is only on a server started
     * for the bench). When not, it answers 404 before anything is read: a 400 for a field it
     * does not take would tell that it exists.
     */
    available?: () => boolean;
  },
  handler: (input: z.output<S>, context: GuardContext<UserFor<A>>, request: Request) => Promise<Response>,
): (request: Request, routeContext?: RouteContext) => Promise<Response> {
  return mark(
    async (request: Request, routeContext?: RouteContext) => {
      try {
        if (options.available && !options.available()) throw new DomainError(404, "Not found.");
        const meta = readRequestMeta(request.headers, options.name);
        const host = normalizeHost(request.headers.get("host"));
        // Under the tenant tree the [host] segment must name the request's own host: the rewrite
        // puts it there, but a request that skipped the middleware could name another store.
        const { host: hostSegment, ...params } = (await routeContext?.params) ?? {};
        if (hostSegment !== undefined && normalizeHost(safeDecode(String(hostSegment))) !== host)
          throw new DomainError(404, "Not found.");
        const tenant = host ? await findTenantByHost(host) : null;
        const user = tenant ? await getCurrentUser(tenant) : null;
        const context = await authorize(options, tenant, user, meta);
        const raw = { ...(await readRouteInput(request, host, options.body ?? "json")), ...params };
        const parsed = options.schema.safeParse(raw);
        if (!parsed.success) await rejectInput(context.tenant, options.name, meta, parsed.error);
        try {
          return await handler(
            parsed.data as z.output<S>,
            { ...context, meta, db: await getTenantDb(context.tenant.id) },
            request,
          );
        } catch (error) {
          // An id this store does not have: another store's, or a guess. Either way what
          // cross-tenant probing looks like ("cross-tenant-probing" counts these).
          if (error instanceof DomainError && error.status === 404 && Object.keys(params).length > 0) {
            await recordIdMiss({
              tenantId: context.tenant.id,
              // As refused roles are: the account's pseudonym, so one rule counts both.
              actor: context.user?.email ?? "",
              ip: meta.ip,
              route: meta.route,
              params: Object.keys(params),
            });
          }
          throw error;
        }
      } catch (error) {
        if (error instanceof DomainError) return jsonNoStore(errorBody(error), error.status);
        throw error;
      }
    },
    {
      kind: "route",
      name: options.name,
      access: options.access,
      schema: options.schema,
      body: options.body ?? "json",
      tenantKind: options.tenantKind,
    },
  );
}

/**
 * For the few handlers that cannot take a session (Stripe's webhook, the browser's CSP reports,
 * the middleware's internal calls, next-auth itself): each authenticates its caller its own way,
 * says how in `reason`, and is marked as such. A DomainError still becomes a JSON answer.
 */
export function externalRoute<C = unknown>(
  options: { name: string; reason: string },
  handler: (request: Request, context: C) => Promise<Response>,
): (request: Request, context: C) => Promise<Response> {
  return mark(
    async (request: Request, context: C) => {
      try {
        return await handler(request, context);
      } catch (error) {
        if (error instanceof DomainError) return jsonNoStore(errorBody(error), error.status);
        throw error;
      }
    },
    { kind: "external", name: options.name },
  );
}
