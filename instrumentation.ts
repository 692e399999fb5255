// Runs once when a server starts: refuse to serve with an invalid configuration (a missing
// production secret, NEXTAUTH_URL set, a malformed DATABASE_URL, no SMTP_URL in production) rather
// than fail per request; then start this process's mail delivery loop.
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
    // Detection and mail delivery run continuously in every serving process, not when someone
    // opens a page (and not while `next build` loads this file to prerender).
    if (process.env.NEXT_PHASE !== "phase-production-build") {
      const { startDetection } = await import("@/lib/telemetry/detection");
      const { DETECTION_INTERVAL_MS } = await import("@/lib/telemetry/detection-rules");
      startDetection(DETECTION_INTERVAL_MS);
      // Mail is delivered from the server process itself: no second service to deploy. Each
      // instance runs one loop; the outbox's claims keep instances from sending a message twice.
      const { startDeliveryWorker } = await import("@/lib/mail/delivery-worker");
      startDeliveryWorker();
    }
  }
}
