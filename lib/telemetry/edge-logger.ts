// Edge-safe structured logs, for the code the middleware runs (it cannot load pino, which needs
// Node's streams): one JSON object a line, in the same shape as the server's pino lines
// (lib/telemetry/logger.ts) — level, time, message, fields — so one collector parses both.
import { isTestLoggingOn } from "@/lib/env/edge-config";

export type LogLevel = "debug" | "info" | "warn" | "error";

export function logFromEdge(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  // Test runs assert on the SecurityEvent rows instead; BULWARK_LOG_IN_TESTS=1 shows the lines.
  if (process.env.NODE_ENV === "test" && !isTestLoggingOn()) return;
  const line = JSON.stringify({ level, time: new Date().toISOString(), message, ...fields });
  if (level === "error" || level === "warn") console.warn(line);
  else console.log(line);
}
