import "server-only";
import { hash, verify } from "@node-rs/argon2";

// `Algorithm` is a const enum, which isolatedModules cannot read: 2 is its Argon2id member.
const ARGON2ID = 2;

/** OWASP's minimum for argon2id (m = 19 MiB, t = 2, p = 1): about 9 ms a hash on the reference machine. */
export const PASSWORD_HASH_PARAMS = {
  algorithm: ARGON2ID,
  memoryCost: 19456,
  timeCost: 2,
  parallelism: 1,
} as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_PARAMS);
}

export async function verifyPassword(storedHash: string, password: string): Promise<boolean> {
  try {
    return await verify(storedHash, password);
  } catch {
    // A malformed stored hash is a failed verification, never an exception that leaks details.
    return false;
  }
}

/** True when a stored hash was made with another algorithm or weaker parameters than today's. */
export function needsRehash(storedHash: string): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(storedHash);
  if (!match) return true;
  const [memory, time, parallelism] = match.slice(1).map(Number) as [number, number, number];
  return (
    memory < PASSWORD_HASH_PARAMS.memoryCost ||
    time < PASSWORD_HASH_PARAMS.timeCost ||
    parallelism !== PASSWORD_HASH_PARAMS.parallelism
  );
}

let dummyHash: Promise<string> | undefined;

/**
 * Spends the same work as a real verification, for sign-in attempts that have no account to
 * check against, so response times do not tell which emails exist.
 */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword("bulwark-dummy-password-for-timing");
  await verifyPassword(await dummyHash, password);
  return false;
}
