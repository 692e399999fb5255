import "server-only";
import { verifyInternalCall } from "@/lib/security/internal-auth";
import { readRequestMeta } from "@/lib/security/request-context";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";
import { REFRESH_PATH } from "./middleware-session";
import { getSessionPolicy } from "./session-policy";
import { rotateCredential } from "./session-store";
import { decodeSessionToken, encodeSessionToken } from "./session-token";

function parseJsonObject(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

export type RefreshResponse =
  { outcome: "rotated"; token: string; maxAge: number } | { outcome: "grace"; token: string } | { outcome: "ended" };

/**
 * Rotates the refresh credential of an expired access claim. Called only by the middleware
 * (proved by an HMAC header), because the response carries the new session token in its body;
 * the middleware puts it into an HttpOnly cookie. Anyone else gets a 404.
 */
export async function handleRefreshRequest(request: Request): Promise<Response> {
  const call = await verifyInternalCall(request, REFRESH_PATH);
  if (!call.ok) return new Response("Not found", { status: 404 });
  const body = parseJsonObject(call.body) as { token?: unknown } | null;
  const claims = await decodeSessionToken(typeof body?.token === "string" ? body.token : undefined);
  const reply = (payload: RefreshResponse) => Response.json(payload, { headers: { "Cache-Control": "no-store" } });
  if (!claims) return reply({ outcome: "ended" });

  const now = new Date();
  const policy = getSessionPolicy();
  const meta = {
    ...readRequestMeta(request.headers, "/api/session/refresh"),
    ip: call.clientIp,
  };
  const result = await rotateCredential(claims.rt, now, policy, meta);
  if (result.kind === "ended" || result.record.familyId !== claims.fid || result.record.tenantId !== claims.tid) {
    return reply({ outcome: "ended" });
  }
  const remainingSeconds = Math.max(1, Math.floor((result.record.family.expiresAt.getTime() - now.getTime()) / 1000));
  if (result.kind === "grace") {
    // A request that raced a rotation: let it through once with the old credential, briefly.
    const aexp = Math.ceil((now.getTime() + Math.max(result.graceMs, 1000)) / 1000);
    return reply({ outcome: "grace", token: await encodeSessionToken({ ...claims, aexp }, remainingSeconds) });
  }
  const aexp = Math.floor((now.getTime() + policy.accessTtlMs) / 1000);
  const token = await encodeSessionToken({ ...claims, rt: result.credential, aexp }, remainingSeconds);
  await recordSecurityEvent({
    type: "session.rotated",
    severity: "INFO",
    tenantId: claims.tid,
    actor: claims.email ?? claims.sub,
    ip: meta.ip,
    details: { familyId: claims.fid },
  });
  return reply({ outcome: "rotated", token, maxAge: remainingSeconds });
}
