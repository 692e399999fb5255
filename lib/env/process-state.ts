// Next.js bundles instrumentation.ts and each route layer on its own, so one module can be loaded
// in several copies in one server process (decision 012): detection started by instrumentation.ts
// has its own copy of lib/telemetry, a page and a route handler each their own lib/db. What must
// be one per process — the data cache, the sign-in epoch memo, who listens for written events,
// the blocks' version — lives on globalThis under a registered symbol, so every copy shares it.

/** The process's one instance of some state, created by the first copy that asks. */
export function readProcessState<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`bulwark.${name}`);
  return (store[key] ??= create());
}
