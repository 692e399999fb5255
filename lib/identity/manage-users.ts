import "server-only";
import { getPlatformDb } from "@/lib/db";
import { DomainError } from "@/lib/security/domain-error";
import { recordAdminAction, type AdminActor } from "@/lib/telemetry/admin-actions";
import { revokeUserFamilies } from "./session-store";

// User administration by the platform's administrators (any store's users): the caller has
// checked the ADMINISTRATOR role on the platform host. Each action is written to the security log.

export async function setUserDisabled(
  userId: string,
  disabled: boolean,
  by: AdminActor,
): Promise<{ email: string; tenantId: string }> {
  const db = await getPlatformDb();
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new DomainError(404, "No such user.");
  if (user.role === "ADMINISTRATOR") throw new DomainError(409, "Administrators cannot be disabled here.");
  await db.user.update({ where: { id: userId }, data: { disabledAt: disabled ? new Date() : null } });
  if (disabled) await revokeUserFamilies(user, "disabled_by_admin");
  await recordAdminAction(by, user.tenantId, {
    action: disabled ? "user.disabled" : "user.enabled",
    email: user.email,
  });
  return { email: user.email, tenantId: user.tenantId };
}

export async function signOutUserEverywhere(
  userId: string,
  by: AdminActor,
): Promise<{ email: string; tenantId: string; ended: number }> {
  const db = await getPlatformDb();
  const user = await db.user.findUnique({ where: { id: userId } });
  if (!user) throw new DomainError(404, "No such user.");
  const ended = await revokeUserFamilies(user, "signed_out_by_admin");
  await recordAdminAction(by, user.tenantId, { action: "user.signed_out_everywhere", email: user.email, ended });
  return { email: user.email, tenantId: user.tenantId, ended };
}
