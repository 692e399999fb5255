import { updateVariant } from "@/lib/catalog/manage-products";
import { updateVariantSchema } from "@/lib/catalog/product-schemas";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** PATCH /api/dashboard/variants/[id]: an option's title or price. */
export const PATCH = guardedRoute(
  { name: "dashboard.variant.update", access: { roles: ["MERCHANT"] }, schema: updateVariantSchema },
  async (input, { db, user, tenant }) => {
    await updateVariant(db, toAuditActor(user, tenant), input);
    return jsonNoStore({ ok: true });
  },
);
