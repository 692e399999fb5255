// Next.js bundles instrumentation.ts and each route on its own, so one module can be loaded in
// several copies in one server process: detection started by instrumentation.ts has its own copy
// of lib/telemetry, and each route another. What must be one per process — who listens for
// written events, the version of the blocks and who waits on it — lives on globalThis under a
// registered symbol, so every copy shares it.

/** The process's one instance of some state, created by the first copy that asks. */
export function readProcessState<T>(name: string, create: () => T): T {
  const store = globalThis as unknown as Record<symbol, T | undefined>;
  const key = Symbol.for(`bulwark.${name}`);
  return (store[key] ??= create());
}
