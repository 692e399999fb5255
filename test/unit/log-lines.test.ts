import { afterEach, describe, expect, it, vi } from "vitest";
import { logEvent } from "@/lib/telemetry/logger";
import { tagAsvs } from "@/security/asvs-ids";
import { captureLogLines } from "../support/log-capture";

// A log collector splits on newlines: input that carries one must not be able to start a line
// of its own that looks like ours.

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe(`${tagAsvs("V7.3.1")} structured log lines`, () => {
  it("keep newlines and forged JSON inside their field: one line, parsed back to exactly what was logged", () => {
    const { lines, restore } = captureLogLines();
    const forged = 'x\n{"time":"2026-01-01T00:00:00.000Z","level":"error","message":"admin_login"}\r\n';
    try {
      logEvent("info", "security_event", { actor: forged, route: "/sign-in\u2028next" });
    } finally {
      restore();
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).not.toMatch(/[\r\n]/);
    expect(JSON.parse(lines[0]!)).toEqual({
      time: expect.any(String),
      level: "info",
      message: "security_event",
      actor: forged,
      route: "/sign-in\u2028next",
    });
  });
});
