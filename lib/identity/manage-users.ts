import "server-only";
import { z } from "zod";
import { getPlatformDb } from "@/lib/db";
import { DomainError } from "@/lib/security/domain-error";
import { recordAdminAction, type AdminActor } from "@/lib/telemetry/admin-actions";
import { displayNameSchema, emailSchema } from "./input-schemas";
import { hashPassword } from "./password";
import { checkPasswordPolicy } from "./password-policy";
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

export const createAdministratorSchema = z
  .object({ email: emailSchema, name: displayNameSchema, password: z.string().max(1024) })
  .strict();

/**
 * Creates a platform administrator (`npm run admin:create`): the one way an administrator comes
 * to exist — never a seed. The password meets the same policy as everyone's; the first sign-in
 * then requires setting up two-step verification.
 */
export async function createAdministrator(
  input: z.input<typeof createAdministratorSchema>,
): Promise<{ email: string }> {
  const parsed = createAdministratorSchema.safeParse(input);
  if (!parsed.success) {
    throw new DomainError(
      400,
      parsed.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; "),
    );
  }
  const { email, name, password } = parsed.data;
  const problem = checkPasswordPolicy(password, { email });
  if (problem) throw new DomainError(400, `password: ${problem}`);
  const db = await getPlatformDb();
  const platform = await db.tenant.findFirst({ where: { kind: "PLATFORM" } });
  if (!platform) throw new DomainError(409, "The database has no platform tenant: run the migrations first.");
  const existing = await db.user.findUnique({ where: { tenantId_email: { tenantId: platform.id, email } } });
  if (existing) throw new DomainError(409, `${email} already has an account on the platform.`);
  await db.user.create({
    data: {
      tenantId: platform.id,
      email,
      name,
      role: "ADMINISTRATOR",
      passwordHash: await hashPassword(password),
      emailVerifiedAt: new Date(),
    },
  });
  // The new administrator is the actor (pseudonymised in the log like every actor).
  await recordAdminAction({ email, ip: "" }, platform.id, {
    action: "administrator.created",
    via: "npm run admin:create",
  });
  return { email };
}
