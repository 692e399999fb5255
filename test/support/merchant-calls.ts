import type { CurrentUser } from "@/lib/identity/current-user";
import { getDb } from "./db";
import { runInRequestScope } from "./next-request-scope";

// Calls one route handler in-process as a given user on a given store's host (import
// ./in-process-mocks first): what a merchant's browser would send, or what an attacker would.

type Handler = (request: Request, context?: { params?: Promise<Record<string, string>> }) => Promise<Response>;

export type Call = {
  host: string;
  user: CurrentUser | null;
  params?: Record<string, string>;
  /** A JSON body (an object, or raw text to send as it is), or a multipart form. */
  json?: unknown;
  form?: FormData;
  /** The client's address; one of a /24 of its own per call when not given. */
  ip?: string;
};

let counter = 0;

export async function callHandler(
  handler: Handler,
  method: string,
  call: Call,
): Promise<{
  status: number;
  body: { error?: string; fieldErrors?: Record<string, string[]> } & Record<string, unknown>;
}> {
  counter += 1;
  const headers = new Headers({
    host: call.host,
    "x-bulwark-peer-ip": call.ip ?? `198.18.${Math.floor(counter / 250) % 250}.${(counter % 250) + 1}`,
  });
  let body: BodyInit | undefined;
  if (call.form) body = call.form;
  else if (call.json !== undefined) {
    headers.set("content-type", "application/json");
    body = typeof call.json === "string" ? call.json : JSON.stringify(call.json);
  }
  const request = new Request(`http://${call.host}/api/x`, { method, headers, ...(body ? { body } : {}) });
  const { result, afterWork } = await runInRequestScope(headers, call.user, () =>
    handler(request, { params: Promise.resolve(call.params ?? {}) }),
  );
  await Promise.all(afterWork);
  const text = await result.text();
  return { status: result.status, body: text ? (JSON.parse(text) as never) : ({} as never) };
}

/** The merchant of a seeded store, as the guard would see them signed in. */
export async function loadMerchant(tenantId: string): Promise<CurrentUser> {
  const user = await (await getDb()).user.findFirstOrThrow({ where: { tenantId, role: "MERCHANT" } });
  return {
    id: user.id,
    tenantId,
    email: user.email,
    name: user.name,
    role: "MERCHANT",
    familyId: `test-${user.id}`,
    secondFactor: true,
    storeRole: user.storeRole,
  };
}
