import "server-only";
import { createHash } from "node:crypto";
import { getPlatformDb } from "@/lib/db";

// Throttling of sign-in attempts per store and email (and per trusted device, see device-cookie).
//
// Every attempt is counted *before* its password is checked, in one SQL statement whose returned
// row decides: N parallel guesses raise the count by N, and once an attempt has set the lock the
// rest find it locked and never reach a password check. An email without an account is counted
// exactly like one with an account, so the work (and the time) is the same for both.

/** Attempts older than this start the count again. */
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** Attempts allowed before the first pause. */
export const FREE_ATTEMPTS = 3;
const FIRST_PAUSE_MS = 5_000;
const MAX_PAUSE_MS = 60 * 60 * 1000;

/** The pause after the n-th attempt in a row: from the fourth, 5 s doubling up to an hour. */
export function pauseAfter(attempts: number): number {
  const over = attempts - FREE_ATTEMPTS;
  return over > 0 ? Math.min(FIRST_PAUSE_MS * 2 ** Math.min(over - 1, 20), MAX_PAUSE_MS) : 0;
}

/** The throttle's key: no email is stored, only this hash. */
export function throttleKey(tenantId: string, canonicalEmail: string, deviceId?: string): string {
  return createHash("sha256")
    .update(`sign-in\n${tenantId}\n${canonicalEmail}\n${deviceId ?? "*"}`)
    .digest("hex");
}

export type AttemptClaim = { allowed: true; attempts: number; lockedUntil: Date | null } | { allowed: false };

/**
 * Counts one attempt. Allowed unless a lock is in force; the attempt that reaches the fourth in a
 * row sets the lock in the same statement that counts it.
 */
export async function claimSignInAttempt(key: string, now: Date): Promise<AttemptClaim> {
  const db = await getPlatformDb();
  const at = now.getTime();
  const staleBefore = at - FAILURE_WINDOW_MS;
  await sweepStaleThrottles(at);
  // The ON CONFLICT branch reads the row as it was; the SET expressions all see those values. The
  // quiet window counts from the later of the last attempt and the end of the last pause, so the
  // pauses keep doubling to the hour rather than starting over after a pause longer than it.
  const rows = await db.$queryRaw<{ failures: number | bigint; lockedUntil: number | bigint }[]>`
    INSERT INTO "LoginThrottle" ("key", "failures", "lastFailureAt", "lockedUntil")
    VALUES (${key}, 1, ${at}, 0)
    ON CONFLICT ("key") DO UPDATE SET
      "failures" = CASE WHEN max("lastFailureAt", "lockedUntil") < ${staleBefore} THEN 1 ELSE "failures" + 1 END,
      "lastFailureAt" = ${at},
      "lockedUntil" = CASE
        WHEN max("lastFailureAt", "lockedUntil") >= ${staleBefore} AND "failures" + 1 > ${FREE_ATTEMPTS}
        THEN ${at} + min(${FIRST_PAUSE_MS} << min("failures" - ${FREE_ATTEMPTS}, 20), ${MAX_PAUSE_MS})
        ELSE 0 END
    WHERE "lockedUntil" <= ${at}
    RETURNING "failures", "lockedUntil"`;
  const row = rows[0];
  if (!row) return { allowed: false };
  const lockedUntil = Number(row.lockedUntil);
  return {
    allowed: true,
    attempts: Number(row.failures),
    lockedUntil: lockedUntil > at ? new Date(lockedUntil) : null,
  };
}

/** A successful sign-in starts the count again. */
export async function clearSignInAttempts(key: string): Promise<void> {
  const db = await getPlatformDb();
  await db.$executeRaw`DELETE FROM "LoginThrottle" WHERE "key" = ${key}`;
}

let lastSweep = 0;
/** Rows for guessed emails would pile up; expired ones go, at most once a minute per process. */
async function sweepStaleThrottles(at: number): Promise<void> {
  if (at - lastSweep < 60_000) return;
  lastSweep = at;
  const db = await getPlatformDb();
  await db.$executeRaw`DELETE FROM "LoginThrottle" WHERE max("lastFailureAt", "lockedUntil") < ${at - FAILURE_WINDOW_MS}`;
}
