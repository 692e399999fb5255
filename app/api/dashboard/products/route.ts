import { createProduct } from "@/lib/catalog/manage-products";
import { createProductSchema } from "@/lib/catalog/product-schemas";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** POST /api/dashboard/products: a merchant of this store creates a product (as a draft). */
export const POST = guardedRoute(
  { name: "dashboard.product.create", access: { roles: ["MERCHANT"] }, schema: createProductSchema },
  async (input, { db, user, tenant }) => jsonNoStore(await createProduct(db, toAuditActor(user, tenant), input)),
);
