import { deleteVariant, updateVariant } from "@/lib/catalog/manage-products";
import { idOnlySchema, updateVariantSchema } from "@/lib/catalog/product-schemas";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** PATCH /api/dashboard/variants/[id]: an option's SKU, name, size, colour or price. */
export const PATCH = guardedRoute(
  { name: "dashboard.variant.update", access: { roles: ["MERCHANT"] }, schema: updateVariantSchema },
  async (input, { db, user, tenant }) => {
    await updateVariant(db, toAuditActor(user, tenant), input);
    return jsonNoStore({ ok: true });
  },
);

/** DELETE /api/dashboard/variants/[id]: refused while an order holds the option or an Active product needs it. */
export const DELETE = guardedRoute(
  { name: "dashboard.variant.delete", access: { roles: ["MERCHANT"] }, schema: idOnlySchema },
  async (input, { db, user, tenant }) => {
    await deleteVariant(db, toAuditActor(user, tenant), input);
    return jsonNoStore({ ok: true });
  },
);
