import "server-only";
import { cache } from "react";
import { cookies, headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import type { TenantDto } from "@/lib/tenancy";
import { getRequestMeta } from "@/lib/security/request-context";
import { recordAccessDenied, recordSecurityEvent } from "@/lib/telemetry/security-events";
import { needsSecondFactor } from "./second-factor-policy";
import { getSessionPolicy } from "./session-policy";
import { isUsable } from "./session-rotation";
import { SESSION_ROTATED_HEADER } from "./middleware-session";
import { inspectCredential, markPresented, touchFamily } from "./session-store";
import {
  decodeSessionToken,
  isAccessExpired,
  sessionCookieName,
  type SessionClaims,
  type SessionRole,
  type StoreRole,
} from "./session-token";

export type CurrentUser = {
  id: string;
  tenantId: string;
  email: string;
  name: string;
  role: SessionRole;
  /** Read from the account on every request, like the role: a change takes effect at once. */
  storeRole: StoreRole | null;
  familyId: string;
  /** Whether this session passed two-step verification (at sign-in or by enrolling). */
  secondFactor: boolean;
};

/**
 * The authoritative session check, made again on every request whatever the middleware did:
 * the cookie must decrypt, belong to this store, carry an unexpired access claim, and name a
 * refresh credential that is current (or inside the reuse grace window) in a live family.
 */
export async function resolveSessionUser(
  claims: SessionClaims | null,
  tenant: TenantDto,
  now = new Date(),
  presentedByBrowser = true,
): Promise<CurrentUser | null> {
  if (!claims) return null;
  const meta = await getRequestMeta();
  if (claims.tid !== tenant.id) {
    await recordSecurityEvent({
      type: "session.tenant_mismatch",
      severity: "CRITICAL",
      tenantId: tenant.id,
      actor: claims.email ?? claims.sub,
      ip: meta.ip,
      details: { cookieTenant: claims.tid, host: tenant.host },
    });
    return null;
  }
  if (isAccessExpired(claims, now.getTime())) return null;
  // An unexpired access claim over a rotated-out credential can only be the short-lived claim the
  // refresh endpoint issued to a request that raced a rotation: a copied cookie's access claim
  // has expired before its credential can be rotated. Reuse is judged where expired claims are
  // refreshed, not here, so a slow racing request never revokes its own session.
  const { state, record } = await inspectCredential(
    claims.rt,
    now,
    getSessionPolicy(),
    { ip: meta.ip, route: meta.route },
    "ignore",
  );
  const usable = isUsable(state) || state === "reuse";
  if (!record || !usable || record.familyId !== claims.fid) return null;
  const { user } = record.family;
  if (user.disabledAt || user.tenantId !== tenant.id || user.id !== claims.sub) return null;
  await touchFamily(record.familyId, record.family.lastSeenAt, now);
  // A cookie the middleware has just rotated in is not yet the browser's: it may never arrive.
  if (presentedByBrowser && state === "current") await markPresented(record, now);
  return {
    id: user.id,
    tenantId: user.tenantId,
    email: user.email,
    name: user.name,
    role: user.role,
    storeRole: user.role === "MERCHANT" ? user.storeRole : null,
    familyId: record.familyId,
    secondFactor: !!record.family.secondFactorAt,
  };
}

export async function readSessionClaims(): Promise<SessionClaims | null> {
  return decodeSessionToken((await cookies()).get(sessionCookieName())?.value);
}

/** The signed-in user of this store, or null. Cached for the duration of one request. */
export const getCurrentUser = cache(async (tenant: TenantDto): Promise<CurrentUser | null> => {
  const rotatedHere = (await headers()).get(SESSION_ROTATED_HEADER) === "1";
  return resolveSessionUser(await readSessionClaims(), tenant, new Date(), !rotatedHere);
});

/** Where administrators set up two-step verification (the platform console). */
export const TWO_FACTOR_PATH = "/admin/two-factor";

export function signInPathFor(tenant: TenantDto): string {
  return tenant.kind === "PLATFORM" ? "/admin/sign-in" : "/sign-in";
}

/** For pages: a signed-in user, or a redirect to sign-in that returns here afterwards. */
export async function requireUser(tenant: TenantDto, returnTo: string): Promise<CurrentUser> {
  const user = await getCurrentUser(tenant);
  if (!user) redirect(`${signInPathFor(tenant)}?callbackUrl=${encodeURIComponent(returnTo)}`);
  return user;
}

/**
 * For pages: a user with one of the roles; anyone else signed in gets a 404, not a hint. An
 * administrator who has not passed two-step verification in this session is sent to set it up
 * (or, once set up, to sign in again with it) first.
 */
export async function requireRole(tenant: TenantDto, roles: SessionRole[], returnTo: string): Promise<CurrentUser> {
  const user = await requireUser(tenant, returnTo);
  if (roles.includes(user.role) && needsSecondFactor(user)) {
    redirect(`${TWO_FACTOR_PATH}?callbackUrl=${encodeURIComponent(returnTo)}`);
  }
  if (!roles.includes(user.role)) {
    const { ip } = await getRequestMeta(returnTo);
    await recordAccessDenied({
      tenantId: tenant.id,
      actor: user.email,
      ip,
      route: returnTo,
      role: user.role,
      required: roles,
    });
    notFound();
  }
  return user;
}
