import "server-only";
import pino from "pino";
import { isTestLoggingOn } from "@/lib/env/edge-config";
import type { LogLevel } from "./edge-logger";

// The server's structured logs, through pino: one JSON object a line — level, time, message,
// fields, the shape the middleware's lines have too (edge-logger.ts) — warnings and errors on
// stderr, the rest on stdout. Redaction is the last line of defence: callers log pseudonyms and
// ids, never credentials, but a field named like a secret is masked wherever it appears.

export const REDACTED_FIELDS = [
  "password",
  "newPassword",
  "currentPassword",
  "token",
  "secret",
  "otp",
  "cookie",
  "authorization",
  "email",
  "csrfToken",
];

// Resolved at each write, so a test can capture the lines.
const stdout = { write: (line: string) => process.stdout.write(line) };
const stderr = { write: (line: string) => process.stderr.write(line) };

const logger = pino(
  {
    level: "debug",
    messageKey: "message",
    base: undefined,
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
    redact: {
      paths: REDACTED_FIELDS.flatMap((field) => [field, `*.${field}`, `*.*.${field}`]),
      censor: "[redacted]",
    },
  },
  pino.multistream(
    [
      { level: "debug", stream: stdout },
      { level: "warn", stream: stderr },
    ],
    { dedupe: true },
  ),
);

export function logEvent(level: LogLevel, message: string, fields: Record<string, unknown> = {}): void {
  // Test runs assert on the SecurityEvent rows instead; BULWARK_LOG_IN_TESTS=1 shows the lines.
  if (process.env.NODE_ENV === "test" && !isTestLoggingOn()) return;
  logger[level](fields, message);
}
