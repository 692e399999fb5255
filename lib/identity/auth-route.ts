import "server-only";
import { createHash } from "node:crypto";
import NextAuth from "next-auth";
import { NextRequest } from "next/server";
import { z } from "zod";
import { getServerConfig } from "@/lib/env/server-config";
import { findTenantByHost, normalizeHost } from "@/lib/tenancy";
import { readCookie } from "@/lib/security/cookie-header";
import { readTextCapped } from "@/lib/security/read-body";
import { readRequestMeta } from "@/lib/security/request-context";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";
import { buildAuthOptions } from "./auth-options";
import { csrfCookieName } from "./session-token";

type RouteContext = { params: Promise<{ nextauth?: string[] }> };

const MAX_BODY_BYTES = 16 * 1024;
const field = (max: number) => z.string().max(max).optional();

// What each POST action of next-auth may receive. Anything else is a 400 before next-auth runs.
const POST_BODIES: Record<string, z.ZodType> = {
  "callback/credentials": z.object({
    csrfToken: z.string().min(1).max(200),
    email: field(1000),
    password: field(1024),
    website: field(500),
    callbackUrl: field(2000),
    json: field(10),
    redirect: field(10),
  }),
  signout: z.object({ csrfToken: z.string().min(1).max(200), callbackUrl: field(2000), json: field(10) }),
};

const GET_ACTIONS = new Set(["csrf", "session", "providers", "signin", "signout", "error"]);

function jsonError(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: { "Cache-Control": "no-store" } });
}

function parseBody(request: Request, text: string): Record<string, unknown> | "malformed" {
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json")) {
    try {
      const parsed: unknown = JSON.parse(text);
      return parsed && typeof parsed === "object" && !Array.isArray(parsed)
        ? (parsed as Record<string, unknown>)
        : "malformed";
    } catch {
      return "malformed";
    }
  }
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  return "malformed";
}

/** next-auth's double-submit check, made here so a failure is a 403 rather than a redirect. */
function isCsrfValid(request: Request, presented: string): boolean {
  const cookie = readCookie(request.headers.get("cookie"), csrfCookieName());
  if (!cookie) return false;
  const [token, hash] = cookie.split("|");
  if (!token || !hash) return false;
  const expected = createHash("sha256").update(`${token}${getServerConfig().NEXTAUTH_SECRET}`).digest("hex");
  return hash === expected && token === presented;
}

let handler: ReturnType<typeof NextAuth> | undefined;

/**
 * The entry for /api/auth/*: resolves the store from a validated Host (next-auth itself would
 * trust any forwarded host), validates the action and its body with zod, checks CSRF, and only
 * then hands the untouched request to next-auth.
 */
export async function handleAuthRequest(request: Request, context: RouteContext): Promise<Response> {
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
    const read = await readTextCapped(request, MAX_BODY_BYTES);
    if (!read.ok && read.reason === "too-large") return jsonError(413, "Request body too large.");
    if (!read.ok) return jsonError(400, "The request body could not be read.");
    // next-auth gets exactly the bytes that were checked here, in a fresh request. A NextRequest:
    // next-auth's App Router handler reads `nextUrl`, which a plain Request lacks.
    request = new NextRequest(request.url, { method: "POST", headers: request.headers, body: read.text });
    const body = parseBody(request, read.text);
    if (body === "malformed") return jsonError(400, "Send a form-encoded or JSON object body.");
    const parsed = schema.safeParse(body);
    const meta = readRequestMeta(request.headers, `/api/auth/${action}`);
    const missingCsrf = !parsed.success && parsed.error.issues.some((issue) => issue.path[0] === "csrfToken");
    if (!parsed.success && !missingCsrf) return jsonError(400, "Some fields are missing or too long.");
    if (missingCsrf || !isCsrfValid(request, (parsed.data as { csrfToken: string }).csrfToken)) {
      await recordSecurityEvent({
        type: "auth.csrf_rejected",
        severity: "WARNING",
        tenantId: tenant.id,
        ip: meta.ip,
        route: meta.route,
      });
      return jsonError(403, "Missing or invalid CSRF token. Reload the page and try again.");
    }
  } else {
    return jsonError(405, "Method not allowed.");
  }
  handler ??= NextAuth(buildAuthOptions());
  const response: Response = await handler(request, context);
  response.headers.set("Cache-Control", "no-store");
  return response;
}
