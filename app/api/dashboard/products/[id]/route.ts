import { updateProduct } from "@/lib/catalog/manage-products";
import { updateProductSchema } from "@/lib/catalog/product-schemas";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** PATCH /api/dashboard/products/[id]: a merchant edits one of this store's products. */
export const PATCH = guardedRoute(
  { name: "dashboard.product.update", access: { roles: ["MERCHANT"] }, schema: updateProductSchema },
  async (input, { db, user, tenant }) => {
    await updateProduct(db, toAuditActor(user, tenant), input);
    return jsonNoStore({ ok: true });
  },
);
