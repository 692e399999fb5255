import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";

/**
 * Compares two secrets without an early exit, so the time taken does not reveal how much of a
 * guess was right. Both sides are hashed first: timingSafeEqual needs equal lengths, and the
 * length of the secret must not leak either.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(createHash("sha256").update(a).digest(), createHash("sha256").update(b).digest());
}
