// Warnings every start would print that a newcomer can do nothing about, because they describe a
// decision the project took on purpose. Each entry says why it is silenced; anything not listed
// here still prints. What remains on a start is explained in the README ("What a start prints").

/** Next.js (dev server and `next build`), written through console.warn. */
export const EXPECTED_NEXT_WARNINGS = [
  // Next 16 deprecates `middleware.ts` in favour of `proxy.ts`, which runs on Node. Bulwark keeps
  // the edge middleware on purpose (docs/decisions/003-middleware-and-tenant-routing.md).
  /The "middleware" file convention is deprecated/,
  // Every build also writes the standalone output that `npm run package` assembles; Next.js then
  // warns that `next start` ignores it. Bulwark never runs `next start`: `npm start` runs our own
  // server (scripts/server.mjs, decision 005) on the full build, and the package runs the same
  // server on the standalone output.
  /"next start" does not work with "output: standalone" configuration/,
];

/**
 * Prisma CLI (`prisma migrate deploy`), on stdout. The schema keeps `url = env("DATABASE_URL")`
 * because without it the 6.19 CLI misreads the schema and tries to download engines
 * (docs/decisions/002-prisma-6-js-engine.md); the CLI then warns that the driver adapter, not
 * that url, opens the database — which is exactly the intent. Only the exact `- url` form is
 * removed: a warning about any other datasource property still prints.
 */
export const EXPECTED_PRISMA_WARNING =
  "\nWARNING: Your schema specifies the following datasource properties but you are using a Driver Adapter via prisma.config.ts:\n- url\n\nThe values from your schema will NOT be used!\n\nWe recommend you to remove those properties from your schema to avoid confusion if you are only using driver adapters.\n";

/** `text` without the Prisma warning above. */
export function withoutExpectedPrismaWarning(text) {
  return text.replace(EXPECTED_PRISMA_WARNING, "");
}

/** Drops the expected Next.js warnings from `target.warn`; every other warning passes through. */
export function silenceExpectedNextWarnings(target = console) {
  const warn = target.warn.bind(target);
  target.warn = (...args) => {
    const text = args.map(String).join(" ");
    if (EXPECTED_NEXT_WARNINGS.some((pattern) => pattern.test(text))) return;
    warn(...args);
  };
}
