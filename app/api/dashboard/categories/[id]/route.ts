import {
  deleteCategory,
  deleteCategorySchema,
  updateCategory,
  updateCategorySchema,
} from "@/lib/catalog/manage-categories";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** PATCH /api/dashboard/categories/[id]: rename, or move one place up or down. */
export const PATCH = guardedRoute(
  { name: "dashboard.category.update", access: { roles: ["MERCHANT"] }, schema: updateCategorySchema },
  async (input, { db, user, tenant }) => {
    await updateCategory(db, toAuditActor(user, tenant), input);
    return jsonNoStore({ ok: true });
  },
);

/** DELETE /api/dashboard/categories/[id]: only an empty category; one with products is refused (409). */
export const DELETE = guardedRoute(
  { name: "dashboard.category.delete", access: { roles: ["MERCHANT"] }, schema: deleteCategorySchema },
  async (input, { db, user, tenant }) => {
    await deleteCategory(db, toAuditActor(user, tenant), input);
    return jsonNoStore({ ok: true });
  },
);
