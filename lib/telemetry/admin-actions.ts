import "server-only";
import { recordSecurityEvent } from "./security-events";

/** Who did an administrator action, and from where. */
export type AdminActor = { email: string; ip: string };

/** Every administrator action lands in the security log, with the store it touched. */
export async function recordAdminAction(
  by: AdminActor,
  tenantId: string | null,
  details: { action: string } & Record<string, unknown>,
): Promise<void> {
  await recordSecurityEvent({ type: "admin.action", severity: "INFO", tenantId, actor: by.email, ip: by.ip, details });
}
