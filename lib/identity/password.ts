import "server-only";
import { hash, verify } from "@node-rs/argon2";

/** OWASP's minimum for argon2id (m = 19 MiB, t = 2, p = 1): about 9 ms a hash on the reference machine. */
// `Algorithm` is a const enum, which isolatedModules cannot read: 2 is its Argon2id member.
const ARGON2ID = 2;

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
