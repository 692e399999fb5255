import { removeProductImage } from "@/lib/catalog/manage-products";
import { idOnlySchema } from "@/lib/catalog/product-schemas";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** DELETE /api/dashboard/images/[id]: removes an image, and its file stops being served. */
export const DELETE = guardedRoute(
  { name: "dashboard.image.remove", access: { roles: ["MERCHANT"] }, schema: idOnlySchema },
  async (input, { db, user, tenant }) => {
    await removeProductImage(db, toAuditActor(user, tenant), input.id);
    return jsonNoStore({ ok: true });
  },
);
