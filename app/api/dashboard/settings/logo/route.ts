import { removeLogoSchema, removeStoreLogo, setStoreLogo, uploadLogoSchema } from "@/lib/catalog/store-logo";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** POST /api/dashboard/settings/logo: a new logo (multipart, checked by its bytes like product images). */
export const POST = guardedRoute(
  { name: "dashboard.settings.logo", access: { roles: ["MERCHANT"], storeRoles: ["OWNER"] }, schema: uploadLogoSchema, body: "multipart" },
  async (input, { db, user, tenant }) => jsonNoStore(await setStoreLogo(db, toAuditActor(user, tenant), input.file)),
);

/** DELETE /api/dashboard/settings/logo: the store shows its name alone again; the file stops being served. */
export const DELETE = guardedRoute(
  { name: "dashboard.settings.logo_remove", access: { roles: ["MERCHANT"], storeRoles: ["OWNER"] }, schema: removeLogoSchema },
  async (_input, { db, user, tenant }) => {
    await removeStoreLogo(db, toAuditActor(user, tenant));
    return jsonNoStore({ ok: true });
  },
);
