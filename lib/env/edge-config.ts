// Edge-safe: the part of the configuration the middleware reads (it runs on the edge runtime,
// without the server's modules). lib/env/server-config.ts extends this schema, so every variable
// Bulwark reads is declared once, in one of the two, with its default and its bounds.
import { z } from "zod";

const optionalText = z.string().trim().min(1).optional();

export const edgeConfigShape = {
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  // How many proxies of our own stand in front of the app (lib/security/client-ip.ts).
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(5).default(0),
  // Shared rate-limit state for several instances; without both, limits are per process.
  UPSTASH_REDIS_REST_URL: z.url().optional(),
  UPSTASH_REDIS_REST_TOKEN: optionalText,
  // How long a rate-limit decision may wait for Redis before the class's failure policy applies.
  RATE_LIMIT_TIMEOUT_MS: z.coerce.number().int().min(1).max(5000).default(500),
  // Hosts whose HSTS header carries includeSubDomains and preload (comma-separated).
  HSTS_PRELOAD_HOSTS: z.string().default(""),
  // Where the middleware reaches the app's internal routes; default http://127.0.0.1:$PORT.
  BULWARK_INTERNAL_ORIGIN: z.url().optional(),
  // The port this server listens on (scripts/server.mjs sets it; 3000 when unset); links in mail to
  // a local store carry it.
  PORT: z.coerce.number().int().min(1).max(65535).optional(),
  // Tests run quietly; set to 1 to see the structured log lines while they run.
  BULWARK_LOG_IN_TESTS: z.enum(["1"]).optional(),
};

const edgeConfigSchema = z.object(edgeConfigShape);

export type EdgeConfig = z.infer<typeof edgeConfigSchema>;

let cached: EdgeConfig | undefined;

/**
 * The edge part of the configuration. A malformed value is refused loudly at start-up by the
 * server's own check (instrumentation.ts parses the whole schema); here it is parsed once.
 */
export function getEdgeConfig(): EdgeConfig {
  cached ??= edgeConfigSchema.parse(process.env);
  return cached;
}

/** Tests change the environment between cases. */
export function resetEdgeConfigForTests(): void {
  cached = undefined;
}

/** Read on every call, not cached: tests switch their log lines on around one case. */
export function isTestLoggingOn(): boolean {
  return process.env.BULWARK_LOG_IN_TESTS === "1";
}
