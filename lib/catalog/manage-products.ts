import "server-only";
import { DomainError } from "@/lib/security/domain-error";
import type { z } from "zod";
import { getTenantDb, Prisma, type TenantDb } from "@/lib/db";
import { invalidateCatalog } from "./catalog-cache";
import { recordAudit, type AuditActor } from "@/lib/telemetry/audit";
import { removeUploadedImageIfUnused, saveUploadedImage } from "./uploaded-media";
import { NO_PRICED_OPTION } from "./manage-variants";
import type { adjustStockSchema, createProductSchema, updateProductSchema } from "./product-schemas";

export { createVariant, deleteVariant, updateVariant } from "./manage-variants";

// The merchant console's catalog operations. Every one runs on a tenant-scoped client, so an id
// of another store is simply not found; every change is written to the audit trail.

const notFound = (what: string) => new DomainError(404, `That ${what} does not exist in this store.`);

function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";
}

export async function listProductsForMerchant(tenantId: string, q?: string) {
  const db = await getTenantDb(tenantId);
  const products = await db.product.findMany({
    where: q
      ? {
          OR: [
            { title: { contains: q } },
            { slug: { contains: q } },
            { variants: { some: { sku: { contains: q.toUpperCase() } } } },
          ],
        }
      : {},
    orderBy: { updatedAt: "desc" },
    take: 200,
    select: {
      id: true,
      title: true,
      slug: true,
      status: true,
      minPriceMinor: true,
      variants: { select: { stock: true } },
    },
  });
  return products.map(({ variants, ...product }) => ({
    ...product,
    variantCount: variants.length,
    stock: variants.reduce((sum, v) => sum + v.stock, 0),
  }));
}

export async function getProductForEditing(tenantId: string, id: string) {
  if (id.length > 40) return null;
  const db = await getTenantDb(tenantId);
  return db.product.findFirst({
    where: { id },
    select: {
      id: true,
      title: true,
      slug: true,
      description: true,
      categoryId: true,
      status: true,
      featured: true,
      variants: {
        select: { id: true, sku: true, title: true, size: true, color: true, priceMinor: true, stock: true },
        orderBy: [{ position: "asc" }, { sku: "asc" }],
      },
      images: { select: { id: true, path: true, alt: true, variantId: true }, orderBy: { position: "asc" } },
    },
  });
}

async function assertCategory(db: TenantDb, categoryId: string | undefined) {
  if (categoryId && !(await db.category.findFirst({ where: { id: categoryId }, select: { id: true } })))
    throw notFound("category");
}

export async function createProduct(
  db: TenantDb,
  actor: AuditActor,
  input: z.output<typeof createProductSchema>,
): Promise<{ id: string }> {
  await assertCategory(db, input.categoryId);
  // A new product has no options yet, so it cannot be on sale (lib/catalog/manage-variants.ts).
  if (input.status === "ACTIVE")
    throw new DomainError(409, `${NO_PRICED_OPTION} Create it as a draft, add an option, then activate it.`, {
      status: ["Needs an option with a price first."],
    });
  try {
    const product = await db.product.create({ data: { ...input, tenantId: actor.tenantId } });
    invalidateCatalog(actor.tenantId);
    await recordAudit(db, actor, {
      action: "product.created",
      entity: "Product",
      entityId: product.id,
      details: { title: input.title, slug: input.slug },
    });
    return { id: product.id };
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError(409, "Another product of this store already uses that slug.");
    throw error;
  }
}

export async function updateProduct(
  db: TenantDb,
  actor: AuditActor,
  input: z.output<typeof updateProductSchema>,
): Promise<void> {
  const { id, ...changes } = input;
  const before = await db.product.findFirst({ where: { id } });
  if (!before) throw notFound("product");
  await assertCategory(db, changes.categoryId);
  let updated: number;
  try {
    // Activating re-checks the priced option in the same statement, so an option deleted at the
    // same moment cannot leave an Active product with nothing to sell.
    const activating = changes.status === "ACTIVE";
    updated = (
      await db.product.updateMany({
        where: { id, ...(activating ? { variants: { some: { priceMinor: { gt: 0 } } } } : {}) },
        data: changes,
      })
    ).count;
    invalidateCatalog(actor.tenantId);
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError(409, "Another product of this store already uses that slug.");
    throw error;
  }
  if (updated !== 1) {
    if (!(await db.product.findFirst({ where: { id }, select: { id: true } }))) throw notFound("product");
    throw new DomainError(409, NO_PRICED_OPTION, { status: ["Needs an option with a price first."] });
  }
  const changed = Object.fromEntries(
    Object.entries(changes).filter(([key, value]) => before[key as keyof typeof before] !== value),
  );
  await recordAudit(db, actor, { action: "product.updated", entity: "Product", entityId: id, details: changed });
}

/** Adds or removes stock with a reason. Stock never goes below zero, even racing a checkout. */
export async function adjustStock(
  db: TenantDb,
  actor: AuditActor,
  input: z.output<typeof adjustStockSchema>,
): Promise<{ stock: number }> {
  const variant = await db.variant.findFirst({ where: { id: input.id } });
  if (!variant) throw notFound("option");
  const applied = await db.variant.updateMany({
    where: { id: input.id, ...(input.delta < 0 ? { stock: { gte: -input.delta } } : {}) },
    data: { stock: { increment: input.delta } },
  });
  invalidateCatalog(actor.tenantId);
  if (applied.count !== 1)
    throw new DomainError(409, `Only ${variant.stock} in stock: you cannot remove ${-input.delta}.`);
  const stock = (await db.variant.findFirstOrThrow({ where: { id: input.id }, select: { stock: true } })).stock;
  await db.inventoryAdjustment.create({
    data: {
      tenantId: actor.tenantId,
      variantId: input.id,
      delta: input.delta,
      stockAfter: stock,
      reason: input.reason,
      actorEmail: actor.email,
    },
  });
  await recordAudit(db, actor, {
    action: "stock.adjusted",
    entity: "Variant",
    entityId: input.id,
    details: { sku: variant.sku, delta: input.delta, stockAfter: stock, reason: input.reason },
  });
  return { stock };
}

/** Stores an uploaded image (PNG, JPEG or WebP, up to 2 MB, checked by its bytes) for a product. */
export async function addProductImage(
  db: TenantDb,
  actor: AuditActor,
  input: { id: string; file: File; alt: string; variantId?: string },
): Promise<{ id: string; path: string }> {
  const product = await db.product.findFirst({ where: { id: input.id }, select: { id: true, title: true } });
  if (!product) throw notFound("product");
  // An option's image must be one of this product's options (the tenant client scopes the store).
  const variant = input.variantId
    ? await db.variant.findFirst({ where: { id: input.variantId, productId: product.id }, select: { id: true } })
    : null;
  if (input.variantId && !variant) throw notFound("option");
  const upload = await saveUploadedImage(db, actor.tenantId, input.file);
  const position = await db.productImage.count({ where: { productId: product.id } });
  const image = await db.productImage.create({
    data: {
      tenantId: actor.tenantId,
      productId: product.id,
      path: upload.path,
      alt: input.alt || product.title,
      width: upload.info.width,
      height: upload.info.height,
      position,
      variantId: variant?.id ?? null,
    },
  });
  invalidateCatalog(actor.tenantId);
  await recordAudit(db, actor, {
    action: "image.added",
    entity: "ProductImage",
    entityId: image.id,
    details: { productId: product.id, variantId: variant?.id ?? null, bytes: upload.bytes, type: upload.info.type },
  });
  return { id: image.id, path: image.path };
}

export async function removeProductImage(db: TenantDb, actor: AuditActor, imageId: string): Promise<void> {
  const image = await db.productImage.findFirst({ where: { id: imageId } });
  if (!image) throw notFound("image");
  await db.productImage.delete({ where: { id: imageId } });
  invalidateCatalog(actor.tenantId);
  // The file goes too: a removed image must stop being public at /media/<key>.
  await removeUploadedImageIfUnused(db, image.path);
  await recordAudit(db, actor, {
    action: "image.removed",
    entity: "ProductImage",
    entityId: imageId,
    details: { productId: image.productId, path: image.path },
  });
}
