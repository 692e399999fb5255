// Edge-safe: the middleware's part of the session design. It never touches the database; when
// the access claim has expired it asks the server's refresh endpoint to rotate the credential,
// then hands the new cookie both to this request (so the page renders signed in) and to the
// browser. This is how server-rendered pages, client navigations, actions and API calls all
// rotate alike — route handlers and actions could set cookies, server components cannot.
import type { NextRequest, NextResponse } from "next/server";
import { logFromEdge } from "@/lib/telemetry/edge-logger";
import { internalUrl, signInternalCall } from "@/lib/security/internal-auth";
import {
  decodeSessionToken,
  isAccessExpired,
  sessionCookieName,
  usesSecureCookies,
  type SessionClaims,
} from "./session-token";

/**
 * Set on the request when the middleware replaced the browser's session cookie with a freshly
 * rotated one: lib/identity then knows the new credential has not been presented by the browser.
 * Any value a client sends is removed.
 */
export const SESSION_ROTATED_HEADER = "x-bulwark-session-rotated";

export const REFRESH_PATH = "/api/session/refresh";

export type SessionCookieChange = { kind: "none" } | { kind: "set"; token: string; maxAge: number } | { kind: "clear" };

export type MiddlewareSession = { claims: SessionClaims | null; change: SessionCookieChange };

const NO_SESSION: MiddlewareSession = { claims: null, change: { kind: "none" } };

type RefreshReply =
  { outcome: "rotated"; token: string; maxAge: number } | { outcome: "grace"; token: string } | { outcome: "ended" };

async function requestRefresh(request: NextRequest, token: string, clientIp: string): Promise<RefreshReply | null> {
  try {
    const body = JSON.stringify({ token });
    const response = await fetch(internalUrl(request.nextUrl, REFRESH_PATH), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(await signInternalCall({ method: "POST", path: REFRESH_PATH, clientIp, body })),
        "user-agent": request.headers.get("user-agent") ?? "",
      },
      body,
      cache: "no-store",
      signal: AbortSignal.timeout(5000),
    });
    return response.ok ? ((await response.json()) as RefreshReply) : null;
  } catch (error) {
    logFromEdge("warn", "session_refresh_failed", { error: String(error) });
    return null;
  }
}

export type PresentedSession = { token: string | undefined; claims: SessionClaims | null };

/** The session cookie as presented, decrypted once per request (rate limiting reads it too). */
export async function readPresentedSession(request: NextRequest): Promise<PresentedSession> {
  const token = request.cookies.get(sessionCookieName())?.value;
  return { token, claims: await decodeSessionToken(token) };
}

/** Takes the presented session and, when its access claim has expired, rotates it. */
export async function resolveMiddlewareSession(
  request: NextRequest,
  clientIp: string,
  presented: PresentedSession,
): Promise<MiddlewareSession> {
  const name = sessionCookieName();
  const { token, claims } = presented;
  if (!token) return NO_SESSION;
  if (!claims) return { claims: null, change: { kind: "clear" } };
  if (!isAccessExpired(claims)) return { claims, change: { kind: "none" } };

  const reply = await requestRefresh(request, token, clientIp);
  // The refresh endpoint could not be reached: leave the cookie alone, lib/ will treat this one
  // request as signed out, and the next one tries again.
  if (!reply) return NO_SESSION;
  if (reply.outcome === "ended") return { claims: null, change: { kind: "clear" } };
  const next = await decodeSessionToken(reply.token);
  if (!next) return { claims: null, change: { kind: "clear" } };
  request.cookies.set(name, reply.token);
  request.headers.set(SESSION_ROTATED_HEADER, "1");
  return reply.outcome === "rotated"
    ? { claims: next, change: { kind: "set", token: reply.token, maxAge: reply.maxAge } }
    : { claims: next, change: { kind: "none" } };
}

/** Makes the request that continues to the app carry the session as resolved. */
export function applySessionToRequest(request: NextRequest, session: MiddlewareSession): void {
  if (session.change.kind !== "set") request.headers.delete(SESSION_ROTATED_HEADER);
  if (session.change.kind === "clear") request.cookies.delete(sessionCookieName());
}

export function applySessionToResponse(response: NextResponse, session: MiddlewareSession): void {
  const name = sessionCookieName();
  const secure = usesSecureCookies();
  if (session.change.kind === "set") {
    response.cookies.set(name, session.change.token, {
      httpOnly: true,
      sameSite: "lax",
      secure,
      path: "/",
      maxAge: session.change.maxAge,
    });
  } else if (session.change.kind === "clear") {
    response.cookies.set(name, "", { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: 0 });
  }
}
