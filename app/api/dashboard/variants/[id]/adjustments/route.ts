import { adjustStock } from "@/lib/catalog/manage-products";
import { adjustStockSchema } from "@/lib/catalog/product-schemas";
import { guardedRoute } from "@/lib/guard/guard";
import { jsonNoStore } from "@/lib/security/json-response";
import { toAuditActor } from "@/lib/telemetry/audit";

/** POST /api/dashboard/variants/[id]/adjustments: a stock change with its reason. */
export const POST = guardedRoute(
  { name: "dashboard.variant.adjust", access: { roles: ["MERCHANT"] }, schema: adjustStockSchema },
  async (input, { db, user, tenant }) => jsonNoStore(await adjustStock(db, toAuditActor(user, tenant), input)),
);
