/**
 * Sliding windows weigh the previous fixed window by how far the current one has run, so a burst
 * that straddles a window's edge is counted a little short. Burst tests start well inside a
 * window: if fewer than `marginMs` remain in the current one, wait for the next.
 */
export async function awayFromWindowEdge(windowMs = 60_000, marginMs = 5_000): Promise<void> {
  const remaining = windowMs - (Date.now() % windowMs);
  if (remaining < marginMs) await new Promise((resolve) => setTimeout(resolve, remaining + 100));
}
