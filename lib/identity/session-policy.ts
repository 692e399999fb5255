import "server-only";
import { getServerConfig } from "@/lib/env/server-config";
import type { SessionPolicy } from "./session-rotation";

export function getSessionPolicy(): SessionPolicy {
  const config = getServerConfig();
  return {
    accessTtlMs: config.SESSION_ACCESS_TTL_SECONDS * 1000,
    idleTimeoutMs: config.SESSION_IDLE_TIMEOUT_SECONDS * 1000,
    absoluteTtlMs: config.SESSION_ABSOLUTE_TTL_SECONDS * 1000,
    reuseGraceMs: config.SESSION_REUSE_GRACE_SECONDS * 1000,
  };
}
