import { describe, expect, it } from "vitest";
import {
  classifyCredential,
  graceRemainingMs,
  isUsable,
  type CredentialRecord,
  type SessionPolicy,
} from "@/lib/identity/session-rotation";
import { tagAsvs } from "@/security/asvs-ids";

const policy: SessionPolicy = {
  accessTtlMs: 900_000,
  idleTimeoutMs: 86_400_000,
  absoluteTtlMs: 604_800_000,
  reuseGraceMs: 30_000,
};
const t0 = new Date("2026-11-29T10:00:00Z");
const at = (ms: number) => new Date(t0.getTime() + ms);

function record(
  overrides: Partial<CredentialRecord> = {},
  family: Partial<CredentialRecord["family"]> = {},
): CredentialRecord {
  return {
    rotatedAt: null,
    revokedAt: null,
    ...overrides,
    family: { revokedAt: null, expiresAt: at(policy.absoluteTtlMs), lastSeenAt: t0, ...family },
  };
}

describe("classifyCredential", () => {
  it("accepts a current credential", () => {
    expect(classifyCredential(record(), at(60_000), policy)).toBe("current");
  });

  it("accepts a rotated credential inside the grace window, once rotation raced a concurrent tab", () => {
    const rotated = record({ rotatedAt: at(0) });
    expect(classifyCredential(rotated, at(29_999), policy)).toBe("grace");
    expect(classifyCredential(rotated, at(30_000), policy)).toBe("grace");
    expect(graceRemainingMs(rotated, at(10_000), policy)).toBe(20_000);
  });

  it("calls a rotated credential presented after the grace window reuse", () => {
    expect(classifyCredential(record({ rotatedAt: at(0) }), at(30_001), policy)).toBe("reuse");
  });

  it("ends revoked families and revoked credentials, whatever else holds", () => {
    expect(classifyCredential(record({}, { revokedAt: at(1) }), at(2), policy)).toBe("revoked");
    expect(classifyCredential(record({ revokedAt: at(1) }), at(2), policy)).toBe("revoked");
    expect(classifyCredential(record({ rotatedAt: at(0) }, { revokedAt: at(1) }), at(60_000), policy)).toBe("revoked");
  });

  it(`${tagAsvs("V3.3.2")} ends a session at its absolute lifetime even while it is in use`, () => {
    const busy = record({}, { lastSeenAt: at(policy.absoluteTtlMs - 1000) });
    expect(classifyCredential(busy, at(policy.absoluteTtlMs - 1), policy)).toBe("current");
    expect(classifyCredential(busy, at(policy.absoluteTtlMs), policy)).toBe("expired-absolute");
  });

  it(`${tagAsvs("V3.3.2")} ends a session left idle for longer than the idle timeout`, () => {
    expect(classifyCredential(record(), at(policy.idleTimeoutMs), policy)).toBe("current");
    expect(classifyCredential(record(), at(policy.idleTimeoutMs + 1), policy)).toBe("expired-idle");
  });

  it("knows nothing of an unknown credential", () => {
    expect(classifyCredential(null, t0, policy)).toBe("unknown");
  });

  it("lets only current and grace credentials through", () => {
    expect(
      ["current", "grace", "reuse", "revoked", "expired-idle", "expired-absolute", "unknown"].filter((s) =>
        isUsable(s as never),
      ),
    ).toEqual(["current", "grace"]);
  });
});

describe("a rotated credential whose successor never reached the browser", () => {
  const rotated = (successorPresented?: boolean) =>
    record({ rotatedAt: at(0), ...(successorPresented === undefined ? {} : { successorPresented }) });

  it("is stale after the grace window, and stays usable so the session survives a lost cookie", () => {
    expect(classifyCredential(rotated(false), at(30_001), policy)).toBe("stale");
    expect(isUsable("stale")).toBe(true);
    // Inside the grace window it is served from the window, successor or not.
    expect(classifyCredential(rotated(false), at(30_000), policy)).toBe("grace");
  });

  it("is reuse once the successor was presented, or when nobody knows whether it was", () => {
    expect(classifyCredential(rotated(true), at(30_001), policy)).toBe("reuse");
    expect(classifyCredential(rotated(), at(30_001), policy)).toBe("reuse");
    expect(isUsable("reuse")).toBe(false);
  });

  it("is still ended by revocation and expiry before staleness is considered", () => {
    expect(
      classifyCredential(
        record({ rotatedAt: at(0), successorPresented: false }, { revokedAt: at(1) }),
        at(30_001),
        policy,
      ),
    ).toBe("revoked");
    expect(classifyCredential(rotated(false), at(policy.idleTimeoutMs + 1), policy)).toBe("expired-idle");
  });
});

describe("graceRemainingMs", () => {
  it("is nothing for a credential never rotated, counts down inside the window and never goes below zero", () => {
    expect(graceRemainingMs(record(), at(0), policy)).toBe(0);
    expect(graceRemainingMs(record({ rotatedAt: at(0) }), at(0), policy)).toBe(30_000);
    expect(graceRemainingMs(record({ rotatedAt: at(0) }), at(30_000), policy)).toBe(0);
    expect(graceRemainingMs(record({ rotatedAt: at(0) }), at(45_000), policy)).toBe(0);
  });
});

describe("isUsable", () => {
  it("refuses every ended state", () => {
    for (const state of ["reuse", "revoked", "expired-idle", "expired-absolute", "unknown"] as const)
      expect(isUsable(state), state).toBe(false);
    for (const state of ["current", "grace", "stale"] as const) expect(isUsable(state), state).toBe(true);
  });
});
