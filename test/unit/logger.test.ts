import { describe, expect, it } from "vitest";
import { logFromEdge } from "@/lib/telemetry/edge-logger";
import { logEvent } from "@/lib/telemetry/logger";
import { captureLogLines } from "../support/log-capture";

function capture(write: () => void): Record<string, unknown>[] {
  const { lines, restore } = captureLogLines();
  try {
    write();
  } finally {
    restore();
  }
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("structured logs", () => {
  it("the server (pino) and the edge write one JSON line each, in the same shape", () => {
    const [server] = capture(() => logEvent("warn", "security_block", { rule: "scanner", value: "198.51.100.7" }));
    const [edge] = capture(() => logFromEdge("warn", "security_block", { rule: "scanner", value: "198.51.100.7" }));
    for (const line of [server!, edge!]) {
      expect(line).toMatchObject({ level: "warn", message: "security_block", rule: "scanner", value: "198.51.100.7" });
      expect(Date.parse(line.time as string)).not.toBeNaN();
    }
    expect(Object.keys(server!).sort()).toEqual(Object.keys(edge!).sort());
  });

  it("masks a field named like a secret, at the top and nested, and keeps the rest", () => {
    const [line] = capture(() =>
      logEvent("error", "something_failed", {
        password: "hunter2hunter2",
        request: { headers: { cookie: "session=abc", authorization: "Bearer xyz" }, token: "t0k3n" },
        details: { email: "victim@example.test", otp: "123456", reason: "kept" },
        orderId: "ord_1",
      }),
    );
    const text = JSON.stringify(line);
    for (const secret of ["hunter2hunter2", "session=abc", "Bearer xyz", "t0k3n", "victim@example.test", "123456"]) {
      expect(text).not.toContain(secret);
    }
    expect(line).toMatchObject({ orderId: "ord_1", details: { reason: "kept", email: "[redacted]" } });
  });

  it("writes nothing in a test run unless asked to", () => {
    const { lines, restore } = captureLogLines();
    delete process.env.BULWARK_LOG_IN_TESTS;
    try {
      logEvent("error", "quiet");
      logFromEdge("error", "quiet");
    } finally {
      restore();
    }
    expect(lines).toEqual([]);
  });
});
