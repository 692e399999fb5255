import { describe, expect, it } from "vitest";
import { constantTimeEqual } from "@/lib/security/constant-time";
import { tagAsvs } from "@/security/asvs-ids";

describe("constant-time comparison", () => {
  it(`${tagAsvs("V6.2.5")} is equality for secrets of any length, and never throws on a length mismatch`, () => {
    expect(constantTimeEqual("a".repeat(64), "a".repeat(64))).toBe(true);
    expect(constantTimeEqual("a".repeat(64), `${"a".repeat(63)}b`)).toBe(false);
    expect(constantTimeEqual("short", "a much longer value")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });

  it(`${tagAsvs("V4.2.2", "V6.2.5")} is what the CSRF check uses, not ===`, async () => {
    const { readFileSync } = await import("node:fs");
    const source = readFileSync("lib/identity/auth-request.ts", "utf8");
    const check = source.slice(
      source.indexOf("function isCsrfValid"),
      source.indexOf("async function countAccountAttempt"),
    );
    expect(check).toContain("constantTimeEqual(hash, expected)");
    expect(check).not.toMatch(/hash === |=== expected|token === presented/);
  });
});
