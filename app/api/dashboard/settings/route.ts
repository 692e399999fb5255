import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";
import { updateStoreSettings, updateStoreSettingsSchema } from "@/lib/tenancy/store-settings";

/** PATCH /api/dashboard/settings: a merchant edits this store's name, texts, colour, currency, locale, policies. */
export const PATCH = guardedRoute(
  { name: "dashboard.settings.update", access: { roles: ["MERCHANT"], storeRoles: ["OWNER"] }, schema: updateStoreSettingsSchema },
  async (input, { db, user, tenant }) => {
    await updateStoreSettings(db, toAuditActor(user, tenant), input);
    return jsonNoStore({ ok: true });
  },
);
