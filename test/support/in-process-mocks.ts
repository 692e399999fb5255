import { vi } from "vitest";

// Import first in a test file that calls route handlers and server actions in-process
// (test/support/handler-call.ts): Next.js's request scope comes from the request being handled,
// after() work is awaited by the caller, and the user is the one the call acts as.
vi.mock("next/headers", () => import("./next-request-scope"));
vi.mock("next/server", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  after: (await import("./next-request-scope")).after,
}));
vi.mock("next/cache", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  refresh: (await import("./next-request-scope")).refresh,
}));
vi.mock("@/lib/identity/current-user", async (importOriginal) => ({
  ...(await importOriginal<object>()),
  getCurrentUser: (await import("./next-request-scope")).getActingUser,
}));
// Each call is a client of its own (a fresh address too): limits are counted on a fresh limiter,
// so the hundredth call of one user reaches its handler like the first (limits have own tests).
vi.mock("@/lib/rate-limit/enforce", async (importOriginal) => {
  const original = await importOriginal<typeof import("@/lib/rate-limit/enforce")>();
  const { createMemoryBackend } = await import("@/lib/rate-limit/limiter");
  return {
    ...original,
    enforceLimitInHandler: (policy: never, keys: never) =>
      original.enforceLimitInHandler(policy, keys, createMemoryBackend()),
  };
});
