import { createVariant } from "@/lib/catalog/manage-products";
import { createVariantSchema } from "@/lib/catalog/product-schemas";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** POST /api/dashboard/products/[id]/variants: a new option (SKU, price, stock) for a product. */
export const POST = guardedRoute(
  { name: "dashboard.variant.create", access: { roles: ["MERCHANT"] }, schema: createVariantSchema },
  async (input, { db, user, tenant }) => jsonNoStore(await createVariant(db, toAuditActor(user, tenant), input)),
);
