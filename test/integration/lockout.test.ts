import { describe, expect, it } from "vitest";
import { claimSignInAttempt, FAILURE_WINDOW_MS, throttleKey } from "@/lib/identity/lockout";
import { getDb } from "../support/db";
import { tagAsvs } from "@/security/asvs-ids";

// The sign-in throttle on its own, with the clock in the test's hands (identity.test.ts drives it
// through sign-in).

async function throttleKeys(): Promise<string[]> {
  const db = await getDb();
  const rows = await db.$queryRaw<{ key: string }[]>`SELECT key FROM LoginThrottle ORDER BY key`;
  return rows.map((row) => row.key);
}

async function insertThrottle(key: string, lastFailureAt: number, lockedUntil = 0): Promise<void> {
  const db = await getDb();
  await db.$executeRaw`INSERT INTO LoginThrottle (key, failures, lastFailureAt, lockedUntil)
    VALUES (${key}, 1, ${lastFailureAt}, ${lockedUntil})`;
}

describe("throttle keys", () => {
  it(`${tagAsvs("V2.2.1")} store no email, and keep stores, emails and devices apart`, () => {
    const key = throttleKey("tenant-1", "shopper@northwind.test");
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    const keys = [
      key,
      throttleKey("tenant-2", "shopper@northwind.test"),
      throttleKey("tenant-1", "merchant@northwind.test"),
      throttleKey("tenant-1", "shopper@northwind.test", "device-a"),
      throttleKey("tenant-1", "shopper@northwind.test", "device-b"),
    ];
    expect(new Set(keys).size).toBe(keys.length);
    expect(throttleKey("tenant-1", "shopper@northwind.test", "device-a")).toBe(keys[3]);
  });
});

describe("claiming a sign-in attempt", () => {
  it("is refused outright while a lock is in force, and allowed again with the lock's end", async () => {
    const key = throttleKey("tenant-1", "locked@northwind.test");
    const at = Date.UTC(2030, 0, 1);
    const claims = [];
    for (let i = 0; i < 4; i++) claims.push(await claimSignInAttempt(key, new Date(at + i)));
    expect(claims.slice(0, 3).map((claim) => claim.allowed && claim.lockedUntil)).toEqual([null, null, null]);
    // The fourth attempt is allowed (its password is checked) and sets the lock.
    expect(claims[3]).toEqual({ allowed: true, attempts: 4, lockedUntil: new Date(at + 3 + 5_000) });
    expect(await claimSignInAttempt(key, new Date(at + 4_000))).toEqual({ allowed: false });
    expect(await claimSignInAttempt(key, new Date(at + 3 + 5_000))).toMatchObject({ allowed: true, attempts: 5 });
  });

  it("sweeps expired throttles, at most once a minute, and keeps the ones still counting", async () => {
    // Far ahead of any other row's clock, so the first claim here always sweeps.
    const at = Date.UTC(2040, 0, 1);
    const [stale, fresh, later, atMinute] = ["stale", "fresh", "later", "at-minute"].map((name) =>
      throttleKey("tenant-1", `${name}@northwind.test`),
    ) as [string, string, string, string];
    await insertThrottle(stale, at - FAILURE_WINDOW_MS - 1);
    await insertThrottle(fresh, at - FAILURE_WINDOW_MS + 120_000);
    const claimant = throttleKey("tenant-1", "claimant@northwind.test");
    await claimSignInAttempt(claimant, new Date(at));
    let keys = await throttleKeys();
    expect(keys).not.toContain(stale);
    expect(keys).toContain(fresh);

    // Within the minute nothing is swept, even a row that has expired meanwhile.
    await insertThrottle(later, at - FAILURE_WINDOW_MS - 1);
    await claimSignInAttempt(claimant, new Date(at + 59_999));
    expect(await throttleKeys()).toContain(later);

    // A minute after the last sweep, the next one runs.
    await insertThrottle(atMinute, at - FAILURE_WINDOW_MS - 1);
    await claimSignInAttempt(claimant, new Date(at + 60_000));
    keys = await throttleKeys();
    expect(keys).not.toContain(later);
    expect(keys).not.toContain(atMinute);
    expect(keys).toContain(fresh);
  });
});
