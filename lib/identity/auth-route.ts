import "server-only";
import { createHash } from "node:crypto";
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { z } from "zod";
import { getServerConfig } from "@/lib/env/server-config";
import { findTenantByHost, normalizeHost } from "@/lib/tenancy";
import { constantTimeEqual } from "@/lib/security/constant-time";
import { readCookie } from "@/lib/security/cookie-header";
import { readTextCapped } from "@/lib/security/read-body";
import { accountKey, enforceLimitInHandler } from "@/lib/rate-limit/enforce";
import { limiterUnavailable, tooManyRequests } from "@/lib/rate-limit/responses";
import { readRequestMeta, type RequestMeta } from "@/lib/security/request-context";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";
import { buildAuthOptions, type SignInHooks } from "./auth-options";
import { emailSchema } from "./input-schemas";
import { csrfCookieName } from "./session-token";

type RouteContext = { params: Promise<{ nextauth?: string[] }> };

const MAX_BODY_BYTES = 16 * 1024;
const SIGN_IN_PATH = "/api/auth/callback/credentials";
const field = (max: number) => z.string().max(max).optional();

// What each POST action of next-auth may receive: these fields, once each, nothing else. Anything
// else is a 400 before next-auth runs.
const POST_BODIES: Record<string, z.ZodType<Record<string, string | undefined>>> = {
  "callback/credentials": z
    .object({
      csrfToken: z.string().min(1).max(200),
      email: field(1000),
      password: field(1024),
      website: field(500),
      callbackUrl: field(2000),
      json: field(10),
      redirect: field(10),
    })
    .strict(),
  signout: z.object({ csrfToken: z.string().min(1).max(200), callbackUrl: field(2000), json: field(10) }).strict(),
};

const FORM_TYPE = "application/x-www-form-urlencoded";

// Not "session": next-auth's own endpoint would answer for any cookie it can decrypt — a signed-out
// or another store's — and re-issue it for its full lifetime. /api/account/session answers instead,
// through the one session check.
const GET_ACTIONS = new Set(["csrf", "providers", "signin", "signout", "error"]);

function jsonError(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * next-auth parses a body as JSON when its Content-Type merely contains "application/json", and
 * as a form when it contains the form type: only a plain form type is accepted, so this route and
 * next-auth can never read one body two ways.
 */
function isPlainFormType(value: string | null): boolean {
  const lower = (value ?? "").toLowerCase();
  return lower.split(";")[0]!.trim() === FORM_TYPE && !lower.includes("json");
}

/** The form's fields; a field sent twice is refused (next-auth would keep the last, a limiter the first). */
function parseForm(text: string): Record<string, string> | "duplicate" {
  const fields = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(text)) {
    if (fields.has(name)) return "duplicate";
    fields.set(name, value);
  }
  return Object.fromEntries(fields);
}

/** next-auth's double-submit check, made here so a failure is a 403 rather than a redirect. */
function isCsrfValid(request: Request, presented: string): boolean {
  const cookie = readCookie(request.headers.get("cookie"), csrfCookieName());
  if (!cookie) return false;
  const [token, hash] = cookie.split("|");
  if (!token || !hash) return false;
  const expected = createHash("sha256").update(`${token}${getServerConfig().NEXTAUTH_SECRET}`).digest("hex");
  return constantTimeEqual(hash, expected) && constantTimeEqual(token, presented);
}

/**
 * The per-account sign-in limit, keyed by the email exactly as the credentials check will read
 * it (trimmed, NFC, lower-case); a malformed value is counted under its raw form.
 */
async function countAccountAttempt(
  request: Request,
  tenantId: string,
  email: string | undefined,
  meta: RequestMeta,
): Promise<Response | null> {
  const parsed = emailSchema.safeParse(email);
  const canonical = parsed.success ? parsed.data : (email ?? "").trim().toLowerCase();
  if (!canonical) return null;
  const decision = await enforceLimitInHandler("sign-in", { account: await accountKey(tenantId, canonical) });
  if (decision.kind === "allowed") return null;
  if (decision.report) {
    await recordSecurityEvent({ ...decision.report, tenantId, ip: meta.ip, route: meta.route });
  }
  if (decision.kind === "blocked") return tooManyRequests(request, SIGN_IN_PATH, decision);
  return decision.refuse ? limiterUnavailable(request, SIGN_IN_PATH) : null;
}

let handler: ReturnType<typeof NextAuth> | undefined;

/**
 * The entry for /api/auth/*: resolves the store from a validated Host (next-auth itself would
 * trust any forwarded host), validates the action and its body with zod (form-encoded only, each
 * field once, no unknown fields, 16 KB at most), checks CSRF, counts the per-account sign-in
 * limit on the email as it was parsed here, and only then hands next-auth those same fields.
 */
export async function handleAuthRequest(
  request: Request,
  context: RouteContext,
  hooks: SignInHooks = {},
): Promise<Response> {
  const host = normalizeHost(request.headers.get("host"));
  const forwardedHost = request.headers.get("x-forwarded-host");
  if (!host || (forwardedHost && normalizeHost(forwardedHost) !== host)) return jsonError(400, "Invalid host.");
  const tenant = await findTenantByHost(host);
  if (!tenant) return jsonError(404, "Not found.");

  const action = ((await context.params).nextauth ?? []).join("/");
  if (request.method === "GET") {
    if (!GET_ACTIONS.has(action)) return jsonError(404, "Not found.");
  } else if (request.method === "POST") {
    const schema = POST_BODIES[action];
    if (!schema) return jsonError(404, "Not found.");
    if (!isPlainFormType(request.headers.get("content-type"))) {
      return jsonError(415, "Send the form as application/x-www-form-urlencoded.");
    }
    const read = await readTextCapped(request, MAX_BODY_BYTES);
    if (!read.ok && read.reason === "too-large") return jsonError(413, "Request body too large.");
    if (!read.ok) return jsonError(400, "The request body could not be read.");
    const body = parseForm(read.text);
    if (body === "duplicate") return jsonError(400, "A field was sent more than once.");
    const parsed = schema.safeParse(body);
    const meta = readRequestMeta(request.headers, `/api/auth/${action}`);
    const missingCsrf = !parsed.success && parsed.error.issues.some((issue) => issue.path[0] === "csrfToken");
    if (!parsed.success && !missingCsrf) return jsonError(400, "Some fields are missing, unknown or too long.");
    if (!parsed.success || !isCsrfValid(request, parsed.data.csrfToken ?? "")) {
      await recordSecurityEvent({
        type: "auth.csrf_rejected",
        severity: "WARNING",
        tenantId: tenant.id,
        ip: meta.ip,
        route: meta.route,
      });
      return jsonError(403, "Missing or invalid CSRF token. Reload the page and try again.");
    }
    if (action === "callback/credentials") {
      const refusal = await countAccountAttempt(request, tenant.id, parsed.data.email, meta);
      if (refusal) return refusal;
    }
    // next-auth parses exactly the fields checked here, re-encoded canonically in a fresh request.
    const headers = new Headers(request.headers);
    headers.set("content-type", FORM_TYPE);
    headers.delete("content-length");
    const canonical = new URLSearchParams(
      Object.entries(parsed.data).filter((entry): entry is [string, string] => typeof entry[1] === "string"),
    );
    request = new NextRequest(request.url, { method: "POST", headers, body: canonical.toString() });
  } else {
    return jsonError(405, "Method not allowed.");
  }
  handler ??= NextAuth(buildAuthOptions(hooks));
  const response: Response = await handler(request, context);
  response.headers.set("Cache-Control", "no-store");
  return response;
}
