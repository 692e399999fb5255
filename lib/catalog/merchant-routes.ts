import "server-only";
import { z } from "zod";
import { fulfilOrder, refundOrder } from "@/lib/checkout/manage-orders";
import { guardedRoute, type GuardContext } from "@/lib/security/guard";
import type { CurrentUser } from "@/lib/identity/current-user";
import {
  addProductImage,
  adjustStock,
  createProduct,
  createVariant,
  ManageError,
  removeProductImage,
  updateProduct,
  updateVariant,
} from "./manage-products";
import {
  adjustStockSchema,
  createProductSchema,
  createVariantSchema,
  idOnlySchema,
  updateProductSchema,
  updateVariantSchema,
} from "./product-schemas";

// The merchant console's API: MERCHANT of the store on whose host it is called, nobody else.
const merchant = { access: { roles: ["MERCHANT" as const] } };

function answer(work: () => Promise<unknown>): Promise<Response> {
  return work().then(
    (result) => Response.json(result ?? { ok: true }, { headers: { "Cache-Control": "no-store" } }),
    (error: unknown) => {
      if (error instanceof ManageError) return Response.json({ error: error.message }, { status: error.status });
      throw error;
    },
  );
}

const actorOf = ({ user, tenant }: GuardContext<CurrentUser>) => ({
  id: user.id,
  email: user.email,
  tenantId: tenant.id,
});

export const createProductRoute = guardedRoute(
  { name: "dashboard.product.create", ...merchant, schema: createProductSchema },
  (input, ctx) => answer(() => createProduct(ctx.db, actorOf(ctx), input)),
);

export const updateProductRoute = guardedRoute(
  { name: "dashboard.product.update", ...merchant, schema: updateProductSchema },
  (input, ctx) => answer(() => updateProduct(ctx.db, actorOf(ctx), input)),
);

export const createVariantRoute = guardedRoute(
  { name: "dashboard.variant.create", ...merchant, schema: createVariantSchema },
  (input, ctx) => answer(() => createVariant(ctx.db, actorOf(ctx), input)),
);

export const updateVariantRoute = guardedRoute(
  { name: "dashboard.variant.update", ...merchant, schema: updateVariantSchema },
  (input, ctx) => answer(() => updateVariant(ctx.db, actorOf(ctx), input)),
);

export const adjustStockRoute = guardedRoute(
  { name: "dashboard.variant.adjust", ...merchant, schema: adjustStockSchema },
  (input, ctx) => answer(() => adjustStock(ctx.db, actorOf(ctx), input)),
);

const uploadSchema = z
  .object({
    id: z.string().min(1).max(40),
    file: z.instanceof(File, { error: "Choose an image file." }),
    alt: z.string().trim().max(200).optional().default(""),
  })
  .strict();

export const uploadImageRoute = guardedRoute(
  { name: "dashboard.image.upload", ...merchant, schema: uploadSchema, body: "multipart" },
  (input, ctx) => answer(() => addProductImage(ctx.db, actorOf(ctx), input)),
);

export const removeImageRoute = guardedRoute(
  { name: "dashboard.image.remove", ...merchant, schema: idOnlySchema },
  (input, ctx) => answer(() => removeProductImage(ctx.db, actorOf(ctx), input.id)),
);

export const fulfilOrderRoute = guardedRoute(
  { name: "dashboard.order.fulfil", ...merchant, schema: idOnlySchema },
  (input, ctx) => answer(() => fulfilOrder(ctx.db, actorOf(ctx), input.id)),
);

export const refundOrderRoute = guardedRoute(
  { name: "dashboard.order.refund", ...merchant, schema: idOnlySchema },
  (input, ctx) => answer(() => refundOrder(ctx.db, actorOf(ctx), input.id)),
);
