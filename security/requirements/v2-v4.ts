import type { ChapterIds } from "../asvs-ids";
import type { Requirement } from "../requirement-types";

const IDENTITY = "test/integration/identity.test.ts";
const RULES = "test/unit/identity-rules.test.ts";

export const AUTHENTICATION: Record<ChapterIds<"V2">, Requirement> = {
  "V2.1.1": { text: "Passwords are at least 12 characters.", status: "covered", tests: [RULES] },
  "V2.1.2": { text: "Passwords of up to 128 characters are accepted.", status: "covered", tests: [RULES] },
  "V2.1.7": { text: "Common and breached passwords are refused.", status: "covered", tests: [RULES] },
  "V2.1.9": { text: "No composition rules: any character, length is what counts.", status: "covered", tests: [RULES] },
  "V2.2.1": {
    text: "Guessing is throttled per address and per account, and the owner cannot be locked out by it.",
    status: "covered",
    tests: [IDENTITY, "test/unit/middleware.test.ts"],
  },
  "V2.2.3": {
    text: "The user is told by mail when their password or second factor changes.",
    status: "gap",
    reason: "Password and two-step changes end the other sessions but send no notification mail yet.",
  },
  "V2.4.1": {
    text: "Passwords are stored as argon2id hashes with OWASP's parameters.",
    status: "covered",
    tests: ["test/unit/session-token.test.ts"],
  },
  "V2.5.2": {
    text: "No password hints or secret questions.",
    status: "not-applicable",
    reason: "The application has no such feature to test; recovery is by a mailed single-use link only.",
  },
  "V2.5.4": {
    text: "No default or shared accounts in production: demo accounts only come from an explicit demo seed.",
    status: "covered",
    tests: ["e2e/production-start.spec.ts"],
  },
  "V2.5.6": {
    text: "Password reset uses a single-use, expiring link whose hash alone is stored.",
    status: "covered",
    tests: [IDENTITY],
  },
  "V2.8.1": {
    text: "Time-based one-time codes have a defined lifetime (one 30 s step of drift).",
    status: "covered",
    tests: ["test/unit/totp.test.ts"],
  },
  "V2.8.4": {
    text: "A one-time code is accepted once, even by parallel sign-ins.",
    status: "covered",
    tests: ["test/unit/totp.test.ts", "test/integration/second-factor.test.ts"],
  },
  "V2.10.4": {
    text: "No secret, key or password is committed to the repository.",
    status: "covered",
    tests: ["test/unit/supply-chain.test.ts"],
  },
};

const SESSION_HTTP = "e2e/session-http.spec.ts";
const COOKIES = "e2e/redirects-and-cookies.spec.ts";

export const SESSIONS: Record<ChapterIds<"V3">, Requirement> = {
  "V3.1.1": { text: "Session tokens never appear in URLs, redirects or pages.", status: "covered", tests: [COOKIES] },
  "V3.2.1": { text: "Signing in issues a new session token (no fixation).", status: "covered", tests: [COOKIES] },
  "V3.2.2": {
    text: "Session credentials carry at least 64 bits of entropy (256 here).",
    status: "covered",
    tests: ["test/unit/token-entropy.test.ts"],
  },
  "V3.2.3": {
    text: "The browser keeps the session only in an HttpOnly cookie.",
    status: "covered",
    tests: [SESSION_HTTP, COOKIES],
  },
  "V3.3.1": { text: "Signing out ends the session on the server.", status: "covered", tests: [SESSION_HTTP] },
  "V3.3.2": {
    text: "Sessions end after an idle timeout and an absolute lifetime, even while in use.",
    status: "covered",
    tests: ["test/unit/session-rotation.test.ts", IDENTITY],
  },
  "V3.3.3": { text: "A password change ends every other session.", status: "covered", tests: [IDENTITY] },
  "V3.3.4": { text: "Users see their active sessions and can end them.", status: "covered", tests: [IDENTITY] },
  "V3.4.1": { text: "Every cookie is Secure outside development.", status: "covered", tests: [COOKIES] },
  "V3.4.2": { text: "Every session-bearing cookie is HttpOnly.", status: "covered", tests: [COOKIES] },
  "V3.4.3": { text: "Every cookie sets SameSite.", status: "covered", tests: [COOKIES] },
  "V3.4.4": { text: "Session cookies use the __Host- prefix.", status: "covered", tests: [COOKIES] },
  "V3.4.5": {
    text: "Cookies are scoped to Path=/ on their own host (no Domain).",
    status: "covered",
    tests: [COOKIES],
  },
  "V3.5.3": {
    text: "Stateless session tokens are encrypted and authenticated; tampered or foreign ones are refused.",
    status: "covered",
    tests: ["test/unit/session-token.test.ts"],
  },
  "V3.7.1": { text: "Changing the password requires the current one.", status: "covered", tests: [IDENTITY] },
};

export const ACCESS_CONTROL: Record<ChapterIds<"V4">, Requirement> = {
  "V4.1.1": {
    text: "Access is enforced on the server: every route handler and server action goes through the guard.",
    status: "covered",
    tests: ["test/unit/architecture.test.ts"],
  },
  "V4.1.2": {
    text: "Users cannot set attributes they are not meant to (prices, tenant, role): extra fields are refused.",
    status: "covered",
    tests: ["test/integration/handler-boundaries.test.ts"],
  },
  "V4.1.3": {
    text: "Each role reaches only its own area (least privilege).",
    status: "covered",
    tests: ["test/integration/handler-boundaries.test.ts", "e2e/identity.spec.ts"],
  },
  "V4.1.5": {
    text: "Access control fails closed: a refusal is a 4xx and changes nothing.",
    status: "covered",
    tests: ["e2e/isolation.spec.ts", "test/integration/handler-fuzz.test.ts"],
  },
  "V4.2.1": {
    text: "No store can read or change another store's records by id (IDOR).",
    status: "covered",
    tests: ["e2e/isolation.spec.ts", "test/integration/tenant-scope.test.ts"],
  },
  "V4.2.2": {
    text: "State-changing requests from another origin are refused (CSRF).",
    status: "covered",
    tests: ["e2e/edge-details.spec.ts", "test/unit/constant-time.test.ts"],
  },
  "V4.3.1": {
    text: "Administrators must use two-step verification.",
    status: "covered",
    tests: ["test/integration/second-factor.test.ts"],
  },
  "V4.3.2": {
    text: "No directory listing and no repository or build metadata (.git, .env, source maps) is served.",
    status: "covered",
    tests: ["e2e/response-hardening.spec.ts"],
  },
};
