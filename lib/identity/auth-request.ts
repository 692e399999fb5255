// What /api/auth/* (app/api/auth/[...nextauth]/route.ts) checks before next-auth runs: the
// bodies each action may send, the form rules, the double-submit CSRF check and the per-account
// sign-in limit.
import "server-only";
import { createHash } from "node:crypto";
import { z } from "zod";
import { getServerConfig } from "@/lib/env/server-config";
import { constantTimeEqual } from "@/lib/security/constant-time";
import { readCookie } from "@/lib/security/cookie-header";
import { accountKey, enforceLimitInHandler } from "@/lib/rate-limit/enforce";
import { containedResponse, limiterUnavailable, tooManyRequests } from "@/lib/rate-limit/responses";
import { findContainment } from "@/lib/telemetry/containment";
import type { RequestMeta } from "@/lib/security/request-context";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";
import { buildDeviceCookie, readTrustedDevice } from "./device-cookie";
import { emailSchema } from "./input-schemas";
import { csrfCookieName, sessionCookieName } from "./session-token";

export const MAX_AUTH_BODY_BYTES = 16 * 1024;
const SIGN_IN_PATH = "/api/auth/callback/credentials";
const field = (max: number) => z.string().max(max).optional();

// What each POST action of next-auth may receive: these fields, once each, nothing else. Anything
// else is a 400 before next-auth runs.
export const POST_BODIES: Record<string, z.ZodType<Record<string, string | undefined>>> = {
  "callback/credentials": z
    .object({
      csrfToken: z.string().min(1).max(200),
      email: field(1000),
      password: field(1024),
      website: field(500),
      otp: field(40),
      callbackUrl: field(2000),
      json: field(10),
      redirect: field(10),
    })
    .strict(),
  signout: z.object({ csrfToken: z.string().min(1).max(200), callbackUrl: field(2000), json: field(10) }).strict(),
};

export const FORM_TYPE = "application/x-www-form-urlencoded";

// Not "session": next-auth's own endpoint would answer for any cookie it can decrypt — a signed-out
// or another store's — and re-issue it for its full lifetime. /api/account/session answers instead,
// through the one session check.
export const GET_ACTIONS = new Set(["csrf", "providers", "signin", "signout", "error"]);

/**
 * A network contained for credential stuffing may not sign in — except from a browser that is a
 * trusted device of the account it names: the shopper behind the same network keeps their way in.
 * Decided before the per-account count and any password check.
 */
export async function refuseContainedSignIn(
  request: Request,
  tenantId: string,
  email: string | undefined,
  meta: RequestMeta,
): Promise<Response | null> {
  const block = await findContainment(meta.ip, "sign-in");
  if (!block) return null;
  const parsed = emailSchema.safeParse(email);
  if (parsed.success && (await readTrustedDevice(request.headers.get("cookie"), tenantId, parsed.data))) return null;
  return containedResponse(request, SIGN_IN_PATH, Date.parse(block.expiresAt));
}

/** Whether next-auth's answer signed someone in: it sets a non-empty session cookie only then. */
export function setsSessionCookie(response: Response): boolean {
  const name = sessionCookieName();
  return response.headers
    .getSetCookie()
    .some((line) => (line.startsWith(`${name}=`) || line.startsWith(`${name}.`)) && !/^[^=]+=;/.test(line));
}

/** After a successful sign-in, the browser becomes a trusted device for the account. */
export async function trustDevice(response: Response, tenantId: string, email: string | undefined): Promise<void> {
  const parsed = emailSchema.safeParse(email);
  if (parsed.success && setsSessionCookie(response)) {
    response.headers.append("Set-Cookie", await buildDeviceCookie(tenantId, parsed.data));
  }
}

/**
 * next-auth answers every error thrown at sign-in with a 401. Asking for the second factor after
 * the right password is a step of the sign-in, not a failure: it answers 200 (a wrong code keeps
 * its 401).
 */
export async function answerSecondFactorStep(response: Response): Promise<Response> {
  if (response.status !== 401) return response;
  const body = (await response
    .clone()
    .json()
    .catch(() => null)) as { url?: unknown } | null;
  if (typeof body?.url !== "string" || !URL.canParse(body.url, "http://localhost")) return response;
  if (new URL(body.url, "http://localhost").searchParams.get("error") !== "second-factor-required") return response;
  return new Response(JSON.stringify(body), { status: 200, headers: response.headers });
}

export function jsonError(status: number, error: string): Response {
  return Response.json({ error }, { status, headers: { "Cache-Control": "no-store" } });
}

/**
 * next-auth parses a body as JSON when its Content-Type merely contains "application/json", and
 * as a form when it contains the form type: only a plain form type is accepted, so this route and
 * next-auth can never read one body two ways.
 */
export function isPlainFormType(value: string | null): boolean {
  const lower = (value ?? "").toLowerCase();
  return lower.split(";")[0]!.trim() === FORM_TYPE && !lower.includes("json");
}

/** The form's fields; a field sent twice is refused (next-auth would keep the last, a limiter the first). */
export function parseForm(text: string): Record<string, string> | "duplicate" {
  const fields = new Map<string, string>();
  for (const [name, value] of new URLSearchParams(text)) {
    if (fields.has(name)) return "duplicate";
    fields.set(name, value);
  }
  return Object.fromEntries(fields);
}

/** next-auth's double-submit check, made here so a failure is a 403 rather than a redirect. */
export function isCsrfValid(request: Request, presented: string): boolean {
  const cookie = readCookie(request.headers.get("cookie"), csrfCookieName());
  if (!cookie) return false;
  const [token, hash] = cookie.split("|");
  if (!token || !hash) return false;
  const expected = createHash("sha256").update(`${token}${getServerConfig().NEXTAUTH_SECRET}`).digest("hex");
  return constantTimeEqual(hash, expected) && constantTimeEqual(token, presented);
}

/**
 * The per-account sign-in limit, keyed by the email exactly as the credentials check will read
 * it (trimmed, NFC, lower-case); a malformed value is counted under its raw form. A browser with
 * this account's device cookie has a budget of its own (device-cookie.ts): attempts from
 * elsewhere cannot spend it.
 */
export async function countAccountAttempt(
  request: Request,
  tenantId: string,
  email: string | undefined,
  meta: RequestMeta,
): Promise<Response | null> {
  const parsed = emailSchema.safeParse(email);
  const canonical = parsed.success ? parsed.data : (email ?? "").trim().toLowerCase();
  if (!canonical) return null;
  const device = parsed.success
    ? await readTrustedDevice(request.headers.get("cookie"), tenantId, canonical)
    : undefined;
  const account = await accountKey(tenantId, device ? `${canonical}\ndevice:${device}` : canonical);
  const decision = await enforceLimitInHandler("sign-in", { account });
  if (decision.kind === "allowed") return null;
  if (decision.report) {
    await recordSecurityEvent({ ...decision.report, tenantId, ip: meta.ip, route: meta.route });
  }
  if (decision.kind === "blocked") return tooManyRequests(request, SIGN_IN_PATH, decision);
  return decision.refuse ? limiterUnavailable(request, SIGN_IN_PATH) : null;
}
