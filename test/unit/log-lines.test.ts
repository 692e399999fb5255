import { afterEach, describe, expect, it, vi } from "vitest";
import { logEvent } from "@/lib/telemetry/logger";
import { tagAsvs } from "@/security/asvs-ids";

// A log collector splits on newlines: input that carries one must not be able to start a line
// of its own that looks like ours.

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe(`${tagAsvs("V7.3.1")} structured log lines`, () => {
  it("keep newlines and forged JSON inside their field: one line, parsed back to exactly what was logged", () => {
    vi.stubEnv("BULWARK_LOG_IN_TESTS", "1");
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => void lines.push(line));
    vi.spyOn(console, "warn").mockImplementation((line: string) => void lines.push(line));
    const forged = 'x\n{"time":"2026-01-01T00:00:00.000Z","level":"error","message":"admin_login"}\r\n';
    logEvent("info", "security_event", { actor: forged, route: "/sign-in\u2028next" });
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
