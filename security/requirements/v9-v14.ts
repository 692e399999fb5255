import type { ChapterIds } from "../asvs-ids";
import type { Requirement } from "../requirement-types";

const HARDENING = "e2e/response-hardening.spec.ts";
const MIDDLEWARE = "test/unit/middleware.test.ts";

export const COMMUNICATIONS: Record<ChapterIds<"V9">, Requirement> = {
  "V9.1.1": {
    text: "Browsers are told to use TLS only (HSTS outside development); TLS itself ends at the operator's proxy.",
    status: "covered",
    tests: ["test/unit/hsts.test.ts"],
  },
  "V9.2.1": {
    text: "Outbound connections to the mail relay use TLS (STARTTLS required off this machine).",
    status: "gap",
    reason:
      "lib/mail/smtp-transport.ts requires STARTTLS off loopback; no test proves the refusal of a plain relay yet.",
  },
};

export const MALICIOUS_CODE: Record<ChapterIds<"V10">, Requirement> = {
  "V10.3.1": {
    text: "Auto-update features fetch signed code over a secure channel.",
    status: "not-applicable",
    reason: "Bulwark has no auto-update; operators deploy a build from the repository.",
  },
  "V10.3.2": {
    text: "Dependencies are pinned to exact versions and locked, so a build cannot pull unreviewed code.",
    status: "covered",
    tests: ["test/unit/supply-chain.test.ts"],
  },
};

const CHECKOUT = "test/integration/checkout-and-webhooks.test.ts";

export const BUSINESS_LOGIC: Record<ChapterIds<"V11">, Requirement> = {
  "V11.1.1": {
    text: "Orders move only forward through their states, whatever order events arrive in.",
    status: "covered",
    tests: ["test/integration/payments-integrity.test.ts", "test/unit/cart-and-orders.test.ts"],
  },
  "V11.1.2": {
    text: "Each class of action has its own realistic rate limit.",
    status: "covered",
    tests: [MIDDLEWARE, "test/unit/rate-limit.test.ts"],
  },
  "V11.1.3": {
    text: "One client cannot hold more than a bounded amount of stock unpaid.",
    status: "covered",
    tests: [CHECKOUT],
  },
  "V11.1.4": {
    text: "Automation is slowed: 429 with Retry-After once a limit is spent.",
    status: "covered",
    tests: [MIDDLEWARE],
  },
  "V11.1.5": {
    text: "Amounts are checked against our own order, never taken from the payment event.",
    status: "covered",
    tests: [CHECKOUT],
  },
  "V11.1.6": {
    text: "Concurrent requests cannot oversell stock or slip past a lockout (no check-then-act races).",
    status: "covered",
    tests: [CHECKOUT, "test/integration/identity.test.ts"],
  },
  "V11.1.7": {
    text: "Unusual activity (stuffing, spraying, scanning, enumeration, hoarding) raises alerts and can contain the source.",
    status: "covered",
    tests: [
      "test/integration/detection.test.ts",
      "test/integration/detection-networks.test.ts",
      "test/integration/id-probing.test.ts",
      "test/unit/known-routes.test.ts",
    ],
  },
};

export const FILES: Record<ChapterIds<"V12">, Requirement> = {
  "V12.1.1": {
    text: "Uploads over the size cap are refused before they are read in full.",
    status: "covered",
    tests: ["e2e/body-limits.spec.ts"],
  },
  "V12.1.2": {
    text: "Compressed uploads are checked against decompression bombs.",
    status: "not-applicable",
    reason: "Only PNG, JPEG and WebP images are accepted; no archive is ever unpacked.",
  },
  "V12.2.1": {
    text: "Uploads are accepted by their bytes, not their name or declared type; SVG and HTML are refused.",
    status: "covered",
    tests: ["test/unit/image-upload.test.ts"],
  },
  "V12.3.1": {
    text: "A requested file name never becomes a path: traversal attempts are a 404.",
    status: "covered",
    tests: ["test/integration/handler-fuzz.test.ts"],
  },
  "V12.4.1": {
    text: "Uploads are stored under random names the uploader cannot choose (outside public/), and served only through the media route.",
    status: "covered",
    tests: ["test/integration/consoles.test.ts"],
  },
  "V12.5.2": {
    text: "Uploaded files are served with nosniff and a sandboxing policy, so they never run as a page.",
    status: "covered",
    tests: [MIDDLEWARE, HARDENING],
  },
  "V12.6.1": {
    text: "The server does not fetch user-supplied URLs (SSRF).",
    status: "not-applicable",
    reason:
      "No handler fetches a URL from input; outbound calls go to Stripe, the mail relay and Redis from configuration.",
  },
};

export const API: Record<ChapterIds<"V13">, Requirement> = {
  "V13.1.3": {
    text: "API URLs carry no keys or tokens.",
    status: "gap",
    reason: "Same as V8.3.1: the guest order page takes its look-up token in the query.",
  },
  "V13.1.4": {
    text: "Authorization is decided per resource, not only per URL.",
    status: "covered",
    tests: ["e2e/isolation.spec.ts"],
  },
  "V13.1.5": {
    text: "A body of an unexpected content type is refused (415).",
    status: "covered",
    tests: ["test/integration/handler-fuzz.test.ts"],
  },
  "V13.2.1": { text: "Methods a route does not define answer 405.", status: "covered", tests: [HARDENING] },
  "V13.2.2": {
    text: "JSON bodies are validated against a schema before use.",
    status: "covered",
    tests: ["test/integration/handler-fuzz.test.ts"],
  },
  "V13.2.3": {
    text: "Cookie-authenticated JSON routes refuse cross-origin callers.",
    status: "covered",
    tests: ["e2e/edge-details.spec.ts"],
  },
  "V13.2.5": {
    text: "The Content-Type of a request is checked against what the route accepts.",
    status: "covered",
    tests: ["test/integration/handler-fuzz.test.ts"],
  },
  "V13.2.6": {
    text: "Webhooks are accepted only with a valid, fresh signature over the raw body.",
    status: "covered",
    tests: ["test/integration/checkout-and-webhooks.test.ts", "test/unit/webhook-signature.test.ts"],
  },
};

export const CONFIGURATION: Record<ChapterIds<"V14">, Requirement> = {
  "V14.2.1": {
    text: "No production dependency has a known high or critical vulnerability (npm audit of the lock file).",
    status: "covered",
    tests: [],
    checks: ["dependency-audit"],
  },
  "V14.2.3": {
    text: "Third-party assets are pinned with Subresource Integrity.",
    status: "not-applicable",
    reason: "No script or style is loaded from another origin (CSP script-src 'self' plus nonce).",
  },
  "V14.3.2": {
    text: "Production has no debug mode: it refuses development secrets and shows no stack traces.",
    status: "covered",
    tests: ["e2e/production-start.spec.ts", HARDENING],
  },
  "V14.3.3": { text: "Responses do not announce the framework or its version.", status: "covered", tests: [HARDENING] },
  "V14.4.1": {
    text: "Every text response names its content type and character set.",
    status: "covered",
    tests: [HARDENING],
  },
  "V14.4.3": {
    text: "Every response carries a Content Security Policy with a fresh nonce.",
    status: "covered",
    tests: [MIDDLEWARE, HARDENING],
  },
  "V14.4.4": { text: "Every response carries X-Content-Type-Options: nosniff.", status: "covered", tests: [HARDENING] },
  "V14.4.5": { text: "HSTS outside development.", status: "covered", tests: ["test/unit/hsts.test.ts", HARDENING] },
  "V14.4.6": { text: "Every response carries a Referrer-Policy.", status: "covered", tests: [HARDENING] },
  "V14.4.7": {
    text: "No page can be framed (frame-ancestors 'none', X-Frame-Options DENY).",
    status: "covered",
    tests: [HARDENING],
  },
  "V14.5.3": { text: "No route answers another origin with CORS permissions.", status: "covered", tests: [HARDENING] },
  "V14.5.4": {
    text: "Client addresses come only from a configured number of trusted proxies.",
    status: "covered",
    tests: ["test/unit/identity-rules.test.ts", MIDDLEWARE],
  },
};
