import type { SessionRole } from "./session-token";

// Who must pass two-step verification: administrators, always (they can act on every store).
// Merchants and shoppers choose; once they turn it on, sign-in asks for it (sign-in.ts).

export function needsSecondFactor(user: { role: SessionRole; secondFactor: boolean }): boolean {
  return user.role === "ADMINISTRATOR" && !user.secondFactor;
}
