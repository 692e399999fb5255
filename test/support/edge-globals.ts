import { AsyncLocalStorage } from "node:async_hooks";

// The edge runtime (and Next.js's own server) provide AsyncLocalStorage as a global; parts of
// next/server used by the middleware expect it. Vitest runs plain Node, so supply it here.
const globals = globalThis as { AsyncLocalStorage?: typeof AsyncLocalStorage };
globals.AsyncLocalStorage ??= AsyncLocalStorage;
