// The refresh-credential state machine, pure so every transition is tested without a database.
//
//   issued ──rotate──▶ rotated ──presented again within grace──▶ accepted once (concurrent tabs)
//      │                  ├── after grace, successor never presented ─▶ STALE: rotates again (the
//      │                  │     new cookie never reached the browser); the unused successor dies
//      │                  └── after grace, successor presented ──────▶ REUSE: the family is revoked
//      └─ family revoked (logout, password change, reuse) / absolute or idle expiry ─▶ ended

export type SessionPolicy = {
  accessTtlMs: number;
  idleTimeoutMs: number;
  absoluteTtlMs: number;
  reuseGraceMs: number;
};

export type CredentialRecord = {
  rotatedAt: Date | null;
  revokedAt: Date | null;
  family: { revokedAt: Date | null; expiresAt: Date; lastSeenAt: Date };
  /** For a rotated credential: whether the browser has presented its successor (unknown → yes). */
  successorPresented?: boolean;
};

export type CredentialState =
  "current" | "grace" | "stale" | "reuse" | "revoked" | "expired-absolute" | "expired-idle" | "unknown";

export function classifyCredential(record: CredentialRecord | null, now: Date, policy: SessionPolicy): CredentialState {
  if (!record) return "unknown";
  const { family } = record;
  if (family.revokedAt || record.revokedAt) return "revoked";
  if (now >= family.expiresAt) return "expired-absolute";
  if (now.getTime() - family.lastSeenAt.getTime() > policy.idleTimeoutMs) return "expired-idle";
  if (record.rotatedAt) {
    if (now.getTime() - record.rotatedAt.getTime() <= policy.reuseGraceMs) return "grace";
    // Only a credential older than a successor the browser has used is a copy someone else holds.
    return record.successorPresented === false ? "stale" : "reuse";
  }
  return "current";
}

export function isUsable(state: CredentialState): state is "current" | "grace" | "stale" {
  return state === "current" || state === "grace" || state === "stale";
}

/** Milliseconds a rotated-out credential may still be used, for a request that raced its rotation. */
export function graceRemainingMs(record: CredentialRecord, now: Date, policy: SessionPolicy): number {
  if (!record.rotatedAt) return 0;
  return Math.max(0, record.rotatedAt.getTime() + policy.reuseGraceMs - now.getTime());
}
