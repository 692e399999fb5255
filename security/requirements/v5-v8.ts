import type { ChapterIds } from "../asvs-ids";
import type { Requirement } from "../requirement-types";

const FUZZ = "test/integration/handler-fuzz.test.ts";
const MASS = "test/integration/handler-boundaries.test.ts";
const HARDENING = "e2e/response-hardening.spec.ts";

export const VALIDATION: Record<ChapterIds<"V5">, Requirement> = {
  "V5.1.1": {
    text: "A parameter sent twice is refused (or, for page queries, the first one wins), never merged.",
    status: "covered",
    tests: [MASS, "test/unit/listing-query.test.ts", "e2e/sign-in-shapes.spec.ts"],
  },
  "V5.1.2": {
    text: "Mass assignment: every route and action refuses fields it did not ask for.",
    status: "covered",
    tests: [MASS],
  },
  "V5.1.3": {
    text: "All input is validated against an allow-list schema (zod) before any handler sees it.",
    status: "covered",
    tests: [FUZZ, "test/unit/image-upload.test.ts"],
  },
  "V5.1.4": {
    text: "Structured input is typed: wrong types, huge values and odd unicode are refused with a 4xx.",
    status: "covered",
    tests: [FUZZ],
  },
  "V5.1.5": {
    text: "Redirects after sign-in and sign-out only go to paths on the store's own origin.",
    status: "covered",
    tests: ["e2e/redirects-and-cookies.spec.ts", "test/unit/identity-rules.test.ts"],
  },
  "V5.2.1": {
    text: "Markup typed into text fields stays text when rendered.",
    status: "covered",
    tests: ["e2e/consoles.spec.ts"],
  },
  "V5.3.1": { text: "Error responses never echo input unescaped.", status: "covered", tests: [HARDENING] },
  "V5.3.3": {
    text: "Output is escaped for its context (React text, JSON), so stored markup cannot run.",
    status: "covered",
    tests: ["e2e/consoles.spec.ts"],
  },
  "V5.3.4": {
    text: "Database access is parameterised: raw queries are refused on the tenant client, search terms are data.",
    status: "covered",
    tests: ["test/integration/tenant-scope.test.ts", "test/unit/listing-query.test.ts"],
  },
  "V5.5.2": {
    text: "XML parsers refuse external entities.",
    status: "not-applicable",
    reason: "Bulwark parses no XML; it only writes a sitemap.",
  },
  "V5.5.3": {
    text: "Untrusted JSON is parsed as data: __proto__ and constructor keys, deep nesting and duplicate keys change nothing.",
    status: "covered",
    tests: [FUZZ],
  },
};

export const CRYPTOGRAPHY: Record<ChapterIds<"V6">, Requirement> = {
  "V6.2.1": {
    text: "Cryptographic checks fail closed: a tampered token or signature is refused, never half-trusted.",
    status: "covered",
    tests: ["test/unit/session-token.test.ts", "test/unit/internal-auth.test.ts"],
  },
  "V6.2.2": {
    text: "Only vetted algorithms: argon2id, HMAC-SHA-256, authenticated encryption.",
    status: "covered",
    tests: ["test/unit/session-token.test.ts", "test/unit/internal-auth.test.ts"],
  },
  "V6.2.5": {
    text: "Secrets are compared in constant time.",
    status: "covered",
    tests: ["test/unit/constant-time.test.ts"],
  },
  "V6.3.1": {
    text: "Random values come from a cryptographically secure generator.",
    status: "gap",
    reason:
      "Checked by reading (node:crypto randomBytes in lib/identity/opaque-token.ts); no test can tell a secure generator from another.",
  },
  "V6.4.1": {
    text: "Keys are derived per purpose from one secret held outside the code; production refuses to start without it.",
    status: "covered",
    tests: ["test/unit/config.test.ts", "test/unit/internal-auth.test.ts"],
  },
};

export const ERRORS_AND_LOGGING: Record<ChapterIds<"V7">, Requirement> = {
  "V7.1.1": {
    text: "Passwords and session tokens never reach a log line or security event.",
    status: "covered",
    tests: ["test/integration/identity.test.ts"],
  },
  "V7.1.2": {
    text: "Other secrets (mail relay credentials, link tokens) are redacted from logs.",
    status: "covered",
    tests: ["test/unit/mail-config.test.ts"],
  },
  "V7.1.3": {
    text: "Security-relevant events (auth, access, input rejections) are recorded.",
    status: "covered",
    tests: [
      "test/integration/identity.test.ts",
      "test/integration/edge-events.test.ts",
      "test/unit/edge-report.test.ts",
    ],
  },
  "V7.2.1": {
    text: "Every authentication decision is recorded.",
    status: "covered",
    tests: ["test/integration/identity.test.ts"],
  },
  "V7.2.2": { text: "Access-control failures are recorded.", status: "covered", tests: [MASS] },
  "V7.3.1": {
    text: "Log lines cannot be forged by input (structured JSON, one object a line).",
    status: "covered",
    tests: ["test/unit/log-lines.test.ts"],
  },
  "V7.4.1": {
    text: "Error responses carry a generic message: no stack trace, internal path or secret.",
    status: "covered",
    tests: [HARDENING],
  },
  "V7.4.2": { text: "Hostile input never produces a 5xx or an unhandled rejection.", status: "covered", tests: [FUZZ] },
};

export const DATA_PROTECTION: Record<ChapterIds<"V8">, Requirement> = {
  "V8.1.1": {
    text: "Personal and session-bound API answers are not cached by shared caches (no-store).",
    status: "covered",
    tests: [HARDENING],
  },
  "V8.2.1": {
    text: "Sensitive pages and API answers send anti-caching headers.",
    status: "covered",
    tests: [HARDENING],
  },
  "V8.2.2": {
    text: "Nothing sensitive is kept in browser storage.",
    status: "gap",
    reason: "The code uses no localStorage or sessionStorage; no test asserts it in a browser yet.",
  },
  "V8.3.1": {
    text: "Sensitive data travels in bodies or headers, never in a query string.",
    status: "gap",
    reason:
      "A guest's order link carries its look-up token in the query (?t=); Referrer-Policy keeps it on our origin, but it lands in access logs and history.",
  },
  "V8.3.2": {
    text: "Users can export and delete their own data.",
    status: "gap",
    reason: "There is no account export or self-service deletion yet.",
  },
  "V8.3.4": {
    text: "Pages and API answers carry only what they render: no hashes, tokens or other stores' ids.",
    status: "covered",
    tests: ["e2e/consoles.spec.ts"],
  },
};
