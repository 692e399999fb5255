// Structured logs: one JSON object a line on stdout/stderr, so any collector can parse them.
import { isTestLoggingOn } from "@/lib/env/edge-config";

type Level = "debug" | "info" | "warn" | "error";

export function logEvent(level: Level, message: string, fields: Record<string, unknown> = {}): void {
  // Test runs assert on the SecurityEvent rows instead; BULWARK_LOG_IN_TESTS=1 shows the lines.
  if (process.env.NODE_ENV === "test" && !isTestLoggingOn()) return;
  const line = JSON.stringify({ time: new Date().toISOString(), level, message, ...fields });
  if (level === "error" || level === "warn") console.warn(line);
  else console.log(line);
}
