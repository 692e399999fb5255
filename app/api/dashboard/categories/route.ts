import { createCategory, createCategorySchema } from "@/lib/catalog/manage-categories";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** POST /api/dashboard/categories: a new category; its address comes from its name. */
export const POST = guardedRoute(
  { name: "dashboard.category.create", access: { roles: ["MERCHANT"] }, schema: createCategorySchema },
  async (input, { db, user, tenant }) => jsonNoStore(await createCategory(db, toAuditActor(user, tenant), input)),
);
