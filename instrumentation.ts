// Runs once when a server starts: refuse to serve with an invalid configuration (a missing
// production secret, NEXTAUTH_URL set, a malformed DATABASE_URL) rather than fail per request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { getServerConfig } = await import("@/lib/env/server-config");
    getServerConfig();
  }
}
