import "server-only";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";
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
 * Rotates the refresh credential of an expired access claim, for the middleware (which alone may
 * ask: the route checks its signature). The answer carries the new session token; the middleware
 * puts it into an HttpOnly cookie.
 */
export async function rotateForMiddleware(
  body: string,
  meta: { ip: string; userAgent: string; route: string },
): Promise<RefreshResponse> {
  const parsed = parseJsonObject(body) as { token?: unknown } | null;
  const claims = await decodeSessionToken(typeof parsed?.token === "string" ? parsed.token : undefined);
  if (!claims) return { outcome: "ended" };
  const now = new Date();
  const policy = getSessionPolicy();
  const result = await rotateCredential(claims.rt, now, policy, meta);
  if (result.kind === "ended" || result.record.familyId !== claims.fid || result.record.tenantId !== claims.tid) {
    return { outcome: "ended" };
  }
  const remainingSeconds = Math.max(1, Math.floor((result.record.family.expiresAt.getTime() - now.getTime()) / 1000));
  if (result.kind === "grace") {
    // A request that raced a rotation: let it through once with the old credential, briefly.
    const aexp = Math.ceil((now.getTime() + Math.max(result.graceMs, 1000)) / 1000);
    return { outcome: "grace", token: await encodeSessionToken({ ...claims, aexp }, remainingSeconds) };
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
  return { outcome: "rotated", token, maxAge: remainingSeconds };
}
