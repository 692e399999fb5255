import { addProductImage } from "@/lib/catalog/manage-products";
import { uploadImageSchema } from "@/lib/catalog/product-schemas";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** POST /api/dashboard/products/[id]/images: an image upload (multipart, checked by its bytes). */
export const POST = guardedRoute(
  { name: "dashboard.image.upload", access: { roles: ["MERCHANT"] }, schema: uploadImageSchema, body: "multipart" },
  async (input, { db, user, tenant }) => jsonNoStore(await addProductImage(db, toAuditActor(user, tenant), input)),
);
