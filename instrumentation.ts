// Runs once when a server starts: refuse to serve with an invalid configuration (a missing
// production secret, NEXTAUTH_URL set, a malformed DATABASE_URL) rather than fail per request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getServerConfig } = await import("@/lib/env/server-config");
    try {
      getServerConfig();
    } catch (error) {
      // Next.js logs an error thrown here and serves anyway (500 on every route). A server with
      // an invalid configuration must not listen at all.
      console.error(error instanceof Error ? error.message : error);
      process.exit(1);
    }
    // Detection runs continuously in every serving process, not when someone opens a page (and
    // not while `next build` loads this file to prerender).
    if (process.env.NEXT_PHASE !== "phase-production-build") {
      const { startDetection } = await import("@/lib/telemetry/detection");
      const { DETECTION_INTERVAL_MS } = await import("@/lib/telemetry/detection-rules");
      startDetection(DETECTION_INTERVAL_MS);
    }
  }
}
