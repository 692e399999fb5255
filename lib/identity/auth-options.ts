import "server-only";
import type { AuthOptions, User } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { getServerConfig } from "@/lib/env/server-config";
import { findTenantByHost, normalizeHost } from "@/lib/tenancy";
import { getCanonicalOrigin } from "@/lib/tenancy/store-origin";
import { readRequestMeta } from "@/lib/security/request-context";
import { logEvent } from "@/lib/telemetry/logger";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";
import { readTrustedDevice } from "./device-cookie";
import { emailSchema } from "./input-schemas";
import { getSessionPolicy } from "./session-policy";
import { revokeFamily, startSessionFamily } from "./session-store";
import { isSessionClaims, sessionCookieName, usesSecureCookies, type SessionClaims } from "./session-token";
import { authenticateCredentials, type AuthenticatedUser, type SecondFactorChallenge } from "./sign-in";
import { needsNewSignInNotice, sendNewSignInNotice } from "./sign-in-notice";
import { toSafeCallbackPath } from "./safe-redirect";

type SignInUser = User & AuthenticatedUser & { userAgent: string; ip: string };

function toHeaders(raw: Record<string, unknown> | undefined): Headers {
  const headers = new Headers();
  for (const [key, value] of Object.entries(raw ?? {})) if (typeof value === "string") headers.set(key, value);
  return headers;
}

/**
 * What happens beyond identity when someone signs in (the guest cart joining the shopper's).
 * Supplied by the caller: identity sits below the cart in the dependency order and cannot call it.
 */
export type SignInHooks = {
  onSignedIn?: (input: { tenantId: string; userId: string; cookieHeader: string | null }) => Promise<void>;
};

type Credentials = Record<"email" | "password" | "website" | "otp", string> | undefined;

async function authorizeCredentials(
  credentials: Credentials,
  rawHeaders: Record<string, unknown> | undefined,
  hooks: SignInHooks,
): Promise<SignInUser | SecondFactorChallenge | null> {
  const headers = toHeaders(rawHeaders);
  const host = normalizeHost(headers.get("host"));
  const tenant = host ? await findTenantByHost(host) : null;
  if (!tenant) return null;
  const meta = readRequestMeta(headers, "/api/auth/callback/credentials");
  const email = emailSchema.safeParse(credentials?.email);
  const deviceId = email.success ? await readTrustedDevice(headers.get("cookie"), tenant.id, email.data) : undefined;
  const user = await authenticateCredentials({
    tenant,
    email: credentials?.email,
    password: credentials?.password,
    honeypot: credentials?.website,
    meta,
    deviceId,
    otp: credentials?.otp,
  });
  if (!user || "challenge" in user) return user;
  if (needsNewSignInNotice(user, deviceId !== undefined)) {
    // The mail must never cost the sign-in: a failure to queue it is logged, not thrown.
    await sendNewSignInNotice(tenant, user, meta, await getCanonicalOrigin(tenant)).catch((error: unknown) =>
      logEvent("error", "sign_in_notice_failed", { tenantId: tenant.id, error: String(error) }),
    );
  }
  await hooks.onSignedIn?.({ tenantId: tenant.id, userId: user.id, cookieHeader: headers.get("cookie") });
  return { ...user, userAgent: meta.userAgent, ip: meta.ip };
}

export function buildAuthOptions(hooks: SignInHooks = {}): AuthOptions {
  const config = getServerConfig();
  const secure = usesSecureCookies();
  return {
    secret: config.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: config.SESSION_ABSOLUTE_TTL_SECONDS },
    pages: { signIn: "/sign-in", error: "/sign-in" },
    useSecureCookies: secure,
    cookies: {
      sessionToken: {
        name: sessionCookieName(secure),
        options: { httpOnly: true, sameSite: "lax", path: "/", secure },
      },
    },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: {
          email: { type: "email" },
          password: { type: "password" },
          website: { type: "text" },
          otp: { type: "text" },
        },
        async authorize(credentials, req) {
          const outcome = await authorizeCredentials(credentials, req.headers, hooks).catch((error: unknown) => {
            // next-auth would put the message in the redirect URL: keep internals out of it.
            logEvent("error", "sign_in_failed_internally", { error: String(error) });
            return null;
          });
          // next-auth answers a thrown error with ?error=<message>: the form then asks for the code.
          if (outcome && "challenge" in outcome) throw new Error(outcome.challenge);
          return outcome;
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (!user) return isSessionClaims(token) ? token : {};
        // Sign-in: a new session family every time (no fixation), its first refresh credential
        // in the cookie, and an access claim that lasts at most 15 minutes.
        const signedIn = user as SignInUser;
        const now = new Date();
        const policy = getSessionPolicy();
        const session = await startSessionFamily(
          {
            userId: signedIn.id,
            tenantId: signedIn.tenantId,
            userAgent: signedIn.userAgent,
            ip: signedIn.ip,
            secondFactor: signedIn.secondFactor,
          },
          now,
          policy,
        );
        const claims: SessionClaims = {
          sub: signedIn.id,
          tid: signedIn.tenantId,
          role: signedIn.role,
          fid: session.familyId,
          rt: session.credential,
          aexp: Math.floor((now.getTime() + policy.accessTtlMs) / 1000),
          name: signedIn.name,
          email: signedIn.email,
        };
        return claims;
      },
      async session({ session, token }) {
        // Only what a client may show; never the credential or the family.
        const name = typeof token.name === "string" ? token.name : null;
        const email = typeof token.email === "string" ? token.email : null;
        return { expires: session.expires, user: { name, email } };
      },
      async redirect({ url, baseUrl }) {
        return `${baseUrl}${toSafeCallbackPath(url, baseUrl)}`;
      },
    },
    events: {
      async signOut({ token }) {
        if (!isSessionClaims(token)) return;
        const claims = token;
        await revokeFamily(claims.fid, "logout");
        await recordSecurityEvent({
          type: "session.revoked",
          severity: "INFO",
          tenantId: claims.tid,
          actor: claims.email ?? claims.sub,
          details: { familyId: claims.fid, reason: "logout" },
        });
      },
    },
    logger: {
      error: (code, metadata) => logEvent("error", "next_auth_error", { code, metadata: String(metadata) }),
      warn: (code) => logEvent("warn", "next_auth_warning", { code }),
      debug: () => undefined,
    },
  };
}
