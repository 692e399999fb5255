// Per-account throttling of failed sign-ins. Pure, so the schedule is tested without a clock.

/** Failures older than this start the count again. */
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** Attempts allowed before the first pause. */
export const FREE_ATTEMPTS = 3;
const FIRST_PAUSE_MS = 5_000;
const MAX_PAUSE_MS = 60 * 60 * 1000;

export type LockoutState = { failedLoginCount: number; lastFailedLoginAt: Date | null; lockedUntil: Date | null };

export function isLocked(state: LockoutState, now: Date): boolean {
  return state.lockedUntil !== null && state.lockedUntil > now;
}

/**
 * The state after one more failed attempt: from the fourth failure in a row, sign-in pauses for
 * 5 s, doubling with each failure up to an hour. The lock expires by itself (no email needed).
 */
export function registerFailure(state: LockoutState, now: Date): LockoutState {
  const stale = !state.lastFailedLoginAt || now.getTime() - state.lastFailedLoginAt.getTime() > FAILURE_WINDOW_MS;
  const failedLoginCount = (stale ? 0 : state.failedLoginCount) + 1;
  const over = failedLoginCount - FREE_ATTEMPTS;
  const lockedUntil =
    over > 0 ? new Date(now.getTime() + Math.min(FIRST_PAUSE_MS * 2 ** (over - 1), MAX_PAUSE_MS)) : null;
  return { failedLoginCount, lastFailedLoginAt: now, lockedUntil };
}

export const CLEARED_LOCKOUT: LockoutState = { failedLoginCount: 0, lastFailedLoginAt: null, lockedUntil: null };
