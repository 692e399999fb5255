import "server-only";
import type { z } from "zod";
import { Prisma, type TenantDb } from "@/lib/db";
import { DomainError, notFoundInStore } from "@/lib/security/domain-error";
import { recordAudit, type AuditActor } from "@/lib/telemetry/audit";
import { invalidateCatalog } from "./catalog-cache";
import type { createVariantSchema, updateVariantSchema } from "./product-schemas";

// A product's options (variants). The rule that ties them to the product's status: an Active
// product always has at least one option with a price above zero. Every write that could break
// it (deleting an option, pricing it at zero, activating the product) is one conditional
// statement whose WHERE re-checks the rule, so parallel requests cannot each pass a check and
// together break it: SQLite runs one writing statement at a time.

const isKnownError = (error: unknown, code: string) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === code;

export const NO_PRICED_OPTION =
  "A product can go Active only with at least one option priced above zero: add one below first.";

/** Where-clause: this option's product stays sellable without it (not Active, or another priced option). */
export function productStaysPricedWithout(variantId: string) {
  return {
    OR: [
      { product: { status: { not: "ACTIVE" as const } } },
      { product: { variants: { some: { id: { not: variantId }, priceMinor: { gt: 0 } } } } },
    ],
  };
}

/** Listings sort and filter by the cheapest option; keep that number true after price changes. */
export async function refreshMinPrice(db: TenantDb, productId: string): Promise<void> {
  const cheapest = await db.variant.aggregate({ where: { productId }, _min: { priceMinor: true } });
  await db.product.updateMany({ where: { id: productId }, data: { minPriceMinor: cheapest._min.priceMinor ?? 0 } });
}

export async function createVariant(
  db: TenantDb,
  actor: AuditActor,
  input: z.output<typeof createVariantSchema>,
): Promise<{ id: string }> {
  const { id: productId, ...fields } = input;
  if (!(await db.product.findFirst({ where: { id: productId }, select: { id: true } })))
    throw notFoundInStore("product");
  try {
    const variant = await db.variant.create({
      data: { ...fields, size: fields.size || null, color: fields.color || null, productId, tenantId: actor.tenantId },
    });
    await refreshMinPrice(db, productId);
    invalidateCatalog(actor.tenantId);
    await recordAudit(db, actor, {
      action: "variant.created",
      entity: "Variant",
      entityId: variant.id,
      details: { sku: fields.sku, priceMinor: fields.priceMinor, stock: fields.stock },
    });
    return { id: variant.id };
  } catch (error) {
    if (isKnownError(error, "P2002"))
      throw new DomainError(409, `The SKU ${fields.sku} is already used in this store.`, {
        sku: ["Already used in this store."],
      });
    throw error;
  }
}

/** Edits an option's name, size, colour, price or SKU (unique per store). */
export async function updateVariant(
  db: TenantDb,
  actor: AuditActor,
  input: z.output<typeof updateVariantSchema>,
): Promise<void> {
  const { id, ...changes } = input;
  const before = await db.variant.findFirst({ where: { id } });
  if (!before) throw notFoundInStore("option");
  const data = {
    ...changes,
    ...(changes.size !== undefined ? { size: changes.size || null } : {}),
    ...(changes.color !== undefined ? { color: changes.color || null } : {}),
  };
  let updated: number;
  try {
    const unpricing = changes.priceMinor === 0;
    updated = (
      await db.variant.updateMany({ where: { id, ...(unpricing ? productStaysPricedWithout(id) : {}) }, data })
    ).count;
  } catch (error) {
    if (isKnownError(error, "P2002"))
      throw new DomainError(409, `The SKU ${changes.sku} is already used in this store.`, {
        sku: ["Already used in this store."],
      });
    throw error;
  }
  if (updated !== 1) {
    if (!(await db.variant.findFirst({ where: { id }, select: { id: true } }))) throw notFoundInStore("option");
    throw new DomainError(
      409,
      "This is the last option with a price of an Active product: set the product to Draft first, or price another option.",
      { priceMinor: ["The product is Active and needs a priced option."] },
    );
  }
  await refreshMinPrice(db, before.productId);
  invalidateCatalog(actor.tenantId);
  const changed = Object.fromEntries(
    Object.entries(data).filter(([key, value]) => before[key as keyof typeof before] !== value),
  );
  await recordAudit(db, actor, {
    action: "variant.updated",
    entity: "Variant",
    entityId: id,
    details: { sku: before.sku, ...changed },
  });
}

/**
 * Deletes an option. Refused while any order holds it (the order's lines and stock holds point
 * at it: its history must stay whole — set its stock to zero instead) and when it is the last
 * priced option of an Active product. Carts that hold it lose that line; a cart re-reads the
 * catalog anyway. One conditional statement decides, so a checkout or another delete racing
 * this one cannot slip between a check and the delete.
 */
export async function deleteVariant(db: TenantDb, actor: AuditActor, input: { id: string }): Promise<void> {
  const variant = await db.variant.findFirst({
    where: { id: input.id },
    select: { id: true, sku: true, productId: true },
  });
  if (!variant) throw notFoundInStore("option");
  let deleted: number;
  try {
    deleted = (
      await db.variant.deleteMany({
        where: {
          id: input.id,
          orderItems: { none: {} },
          reservations: { none: {} },
          ...productStaysPricedWithout(input.id),
        },
      })
    ).count;
  } catch (error) {
    // An order line or stock hold arrived between the statement's check and its delete.
    if (isKnownError(error, "P2003")) deleted = 0;
    else throw error;
  }
  if (deleted !== 1) throw await explainRefusedDelete(db, variant);
  await refreshMinPrice(db, variant.productId);
  invalidateCatalog(actor.tenantId);
  await recordAudit(db, actor, {
    action: "variant.deleted",
    entity: "Variant",
    entityId: variant.id,
    details: { sku: variant.sku, productId: variant.productId },
  });
}

async function explainRefusedDelete(db: TenantDb, variant: { id: string; sku: string }): Promise<DomainError> {
  if (!(await db.variant.findFirst({ where: { id: variant.id }, select: { id: true } })))
    return notFoundInStore("option");
  const orders = await db.orderItem.count({ where: { variantId: variant.id } });
  const holds = await db.stockReservation.count({ where: { variantId: variant.id } });
  if (orders > 0 || holds > 0)
    return new DomainError(
      409,
      `${variant.sku} is in ${Math.max(orders, holds)} ${Math.max(orders, holds) === 1 ? "order" : "orders"}, which must keep it. Set its stock to zero to stop selling it.`,
    );
  return new DomainError(
    409,
    `${variant.sku} is the last option with a price of an Active product. Set the product to Draft first, or add another priced option.`,
  );
}
