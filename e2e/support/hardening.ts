import { expect } from "@playwright/test";

// What every response must carry, whatever answered it: the middleware, a page, a route handler,
// Next.js's own 404, a rate-limit refusal or an uploaded file.

/** Values a response must never contain: the e2e servers' secrets, stack frames, our own paths. */
export function readForbiddenFragments(): string[] {
  return [
    process.env.NEXTAUTH_SECRET || "e2e-only-secret-0123456789abcdef0123456789",
    process.env.E2E_WEBHOOK_SECRET ?? "",
    "e2e-upstash-token",
    process.cwd(),
    "node_modules",
    ".next-e2e",
  ].filter(Boolean);
}

const STACK_FRAME = /\n\s+at [^\n]+\((?:\/|file:|node:)[^\n]*:\d+:\d+\)/;

export function expectHardened(response: Response, what: string, options: { media?: boolean } = {}): void {
  const header = (name: string) => response.headers.get(name) ?? "";
  const csp = header("content-security-policy");
  if (options.media) {
    expect(csp, `${what}: media's own policy`).toBe("default-src 'none'; sandbox");
  } else {
    expect(csp, `${what}: CSP`).toContain("frame-ancestors 'none'");
    expect(csp, `${what}: CSP`).toContain("object-src 'none'");
    expect(csp, `${what}: CSP`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  }
  expect(header("x-content-type-options"), `${what}: nosniff`).toBe("nosniff");
  expect(header("x-frame-options"), `${what}: framing`).toBe("DENY");
  expect(header("referrer-policy"), `${what}: referrer`).toBe("strict-origin-when-cross-origin");
  expect(header("strict-transport-security"), `${what}: HSTS`).toBe("max-age=63072000");
  expect(header("permissions-policy"), `${what}: permissions`).toContain("camera=()");
  expect(response.headers.has("x-powered-by"), `${what}: x-powered-by`).toBe(false);
  expect(header("server"), `${what}: server header`).not.toMatch(/\d/);
  expect(response.headers.has("access-control-allow-origin"), `${what}: CORS`).toBe(false);
  const type = header("content-type");
  if (response.status !== 204 && response.status !== 304 && !(response.status >= 300 && response.status < 400)) {
    expect(type, `${what}: content type`).not.toBe("");
  }
  if (/^text\/|xml/.test(type)) expect(type, `${what}: charset`).toMatch(/charset=utf-8/i);
}

/** No stack trace, internal path or secret in a body. */
export function expectNothingInternal(body: string, what: string): void {
  expect(body, `${what}: stack trace`).not.toMatch(STACK_FRAME);
  for (const fragment of readForbiddenFragments())
    expect(body.includes(fragment), `${what}: contains ${fragment}`).toBe(false);
}
