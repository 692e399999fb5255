import type { CurrentUser } from "@/lib/identity/current-user";
import type { Access, GuardMark } from "@/lib/guard/guard";
import type { ActionEntry, RouteEntry } from "./handler-catalog";
import { getDb } from "./db";
import { runInRequestScope } from "./next-request-scope";

// Calls a route handler or server action in-process as the server would: a Request (or FormData)
// with the store's Host, a client address of its own, and a user of the role the guard asks for.

export type ActingUsers = { shopper: CurrentUser; merchant: CurrentUser; administrator: CurrentUser };

export async function loadActingUsers(): Promise<ActingUsers> {
  const db = await getDb();
  const find = async (email: string): Promise<CurrentUser> => {
    const user = await db.user.findFirstOrThrow({ where: { email } });
    const role = user.role as CurrentUser["role"];
    return {
      id: user.id,
      tenantId: user.tenantId,
      email,
      name: user.name,
      role,
      // Merchant handlers that change the team need an owner: the demo merchants are.
      storeRole: user.storeRole,
      familyId: `fuzz-${user.id}`,
      secondFactor: true,
    };
  };
  return {
    shopper: await find("shopper@northwind.test"),
    merchant: await find("merchant@northwind.test"),
    administrator: await find("admin@bulwark.test"),
  };
}

/** The user whose role passes the guard's access rule (none for public handlers). */
export function userFor(access: Access | undefined, users: ActingUsers): CurrentUser | null {
  if (!access || access === "public") return null;
  if (access === "signed-in") return users.shopper;
  if (access.roles.includes("ADMINISTRATOR")) return users.administrator;
  return access.roles.includes("MERCHANT") ? users.merchant : users.shopper;
}

export function hostFor(mark: GuardMark): string {
  return mark.tenantKind === "PLATFORM" ? "admin.localhost" : "northwind.localhost";
}

let clientCounter = 0;
/** A fresh documentation-range address per call, so one call's rate limit never decides another's. */
function nextClientIp(): string {
  clientCounter += 1;
  return `198.51.${Math.floor(clientCounter / 250) % 250}.${(clientCounter % 250) + 1}`;
}

export type Outcome = {
  status: number;
  text: string;
  /** The error a handler let escape, if any: it would have been a 500. */
  escaped?: unknown;
};

/** Next.js's own control-flow throws (redirect(), notFound()) are answers, not failures. */
function readControlFlow(error: unknown): number | null {
  const digest = (error as { digest?: unknown } | null)?.digest;
  if (typeof digest !== "string") return null;
  if (digest.startsWith("NEXT_REDIRECT")) return 303;
  const fallback = /^NEXT_HTTP_ERROR_FALLBACK;(\d{3})$/.exec(digest);
  return fallback ? Number(fallback[1]) : null;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export type RouteCall = {
  /** Dynamic segments; a catch-all (`[...name]`) takes a list. */
  params?: Record<string, string | string[]>;
  query?: string;
  body?: BodyInit;
  contentType?: string;
  user: CurrentUser | null;
};

export async function callRoute(entry: RouteEntry, call: RouteCall): Promise<Outcome> {
  const host = hostFor(entry.mark);
  // A path carries well-formed text only: the router decodes it, lone surrogates become U+FFFD.
  const wellFormed = (text: string) => text.replace(LONE_SURROGATE, "\uFFFD");
  const params = Object.fromEntries(
    Object.entries(call.params ?? {}).map(([name, value]) => [
      name,
      Array.isArray(value) ? value.map((v) => wellFormed(v)) : wellFormed(value),
    ]),
  );
  const pathname = entry.template.replace(/\[(?:\.\.\.)?([^\]]+)\]/g, (_all, name: string) =>
    [params[name] ?? "x"].flat().map(encodeURIComponent).join("/"),
  );
  const headers = new Headers({ host, "x-bulwark-peer-ip": nextClientIp(), "user-agent": "bulwark-verify" });
  if (call.contentType) headers.set("content-type", call.contentType);
  const hasBody = entry.method !== "GET" && entry.method !== "HEAD" && call.body !== undefined;
  const request = new Request(`http://${host}${pathname}${call.query ? `?${call.query}` : ""}`, {
    method: entry.method,
    headers,
    ...(hasBody ? { body: call.body } : {}),
  });
  const routeParams = { ...(entry.inTenantTree ? { host } : {}), ...params };
  try {
    const { result, afterWork } = await runInRequestScope(headers, call.user, () =>
      entry.call(request, { params: Promise.resolve(routeParams) }),
    );
    await Promise.all(afterWork);
    return { status: result.status, text: await result.text() };
  } catch (error) {
    const status = readControlFlow(error);
    return status ? { status, text: "" } : { status: 500, text: "", escaped: error };
  }
}

export type ActionOutcome = {
  state?: { status: string; message?: string; fieldErrors?: Record<string, string[]> };
  redirected?: boolean;
  escaped?: unknown;
};

export async function callAction(entry: ActionEntry, form: unknown, user: CurrentUser | null): Promise<ActionOutcome> {
  const host = hostFor(entry.mark);
  const headers = new Headers({ host, origin: `http://${host}`, "x-bulwark-peer-ip": nextClientIp() });
  try {
    const { result, afterWork } = await runInRequestScope(headers, user, () => entry.call({ status: "idle" }, form));
    await Promise.all(afterWork);
    return { state: result as ActionOutcome["state"] };
  } catch (error) {
    return readControlFlow(error) ? { redirected: true } : { escaped: error };
  }
}
