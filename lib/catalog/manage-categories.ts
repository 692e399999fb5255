import "server-only";
import { hasHiddenCharacters } from "@/lib/security/typed-text";
import { z } from "zod";
import { getTenantDb, Prisma, type TenantDb } from "@/lib/db";
import { DomainError, notFoundInStore } from "@/lib/security/domain-error";
import { recordAudit, type AuditActor } from "@/lib/telemetry/audit";
import { invalidateCatalog } from "./catalog-cache";
import { slugSchema } from "./product-schemas";

// The merchant console's categories: create (the address comes from the name), rename, reorder,
// and delete only when no product is in it. Every change drops the store's cached catalog, since
// the header, footer and home page list the categories.

const categoryName = z
  .string({ error: "Enter a name." })
  .trim()
  .min(2, "Use at least 2 characters.")
  .max(60, "Use at most 60 characters.")
  .refine((value) => !hasHiddenCharacters(value), "Use one line without control characters.");
const id = z.string().min(1).max(40);

/** "Rain & Snow Jackets" → "rain-snow-jackets"; accents folded, anything else dropped. */
export function slugFromName(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80)
    .replace(/-+$/, "");
}

export const createCategorySchema = z
  .object({ name: categoryName, slug: slugSchema.optional() })
  .strict()
  .transform((input, ctx) => {
    const slug = input.slug ?? slugFromName(input.name);
    const checked = slugSchema.safeParse(slug);
    if (!checked.success) {
      ctx.addIssue({ code: "custom", path: ["name"], message: "Use a name with at least 2 letters or digits." });
      return z.NEVER;
    }
    return { name: input.name, slug: checked.data };
  });

export const updateCategorySchema = z
  .object({ id, name: categoryName.optional(), move: z.enum(["up", "down"]).optional() })
  .strict()
  .refine((input) => input.name !== undefined || input.move !== undefined, "Send a new name or a move.");

export const deleteCategorySchema = z.object({ id }).strict();

export type MerchantCategory = { id: string; slug: string; name: string; products: number };

export async function listCategoriesForMerchant(tenantId: string): Promise<MerchantCategory[]> {
  const db = await getTenantDb(tenantId);
  const rows = await db.category.findMany({
    orderBy: [{ position: "asc" }, { name: "asc" }],
    select: { id: true, slug: true, name: true, _count: { select: { products: true } } },
  });
  return rows.map(({ _count, ...row }) => ({ ...row, products: _count.products }));
}

const isUniqueViolation = (error: unknown) =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002";

export async function createCategory(
  db: TenantDb,
  actor: AuditActor,
  input: z.output<typeof createCategorySchema>,
): Promise<{ id: string; slug: string }> {
  const last = await db.category.aggregate({ _max: { position: true } });
  try {
    const category = await db.category.create({
      data: { tenantId: actor.tenantId, name: input.name, slug: input.slug, position: (last._max.position ?? -1) + 1 },
    });
    invalidateCatalog(actor.tenantId);
    await recordAudit(db, actor, {
      action: "category.created",
      entity: "Category",
      entityId: category.id,
      details: { name: input.name, slug: input.slug },
    });
    return { id: category.id, slug: category.slug };
  } catch (error) {
    if (isUniqueViolation(error))
      throw new DomainError(
        409,
        `This store already has a category at /categories/${input.slug}. Choose another name.`,
        {
          name: ["Another category already uses this address."],
        },
      );
    throw error;
  }
}

/** Renames (the address stays, so links keep working) and/or moves one place up or down. */
export async function updateCategory(
  db: TenantDb,
  actor: AuditActor,
  input: z.output<typeof updateCategorySchema>,
): Promise<void> {
  const category = await db.category.findFirst({ where: { id: input.id } });
  if (!category) throw notFoundInStore("category");
  if (input.name !== undefined) await db.category.updateMany({ where: { id: input.id }, data: { name: input.name } });
  if (input.move) await moveCategory(db, input.id, input.move);
  invalidateCatalog(actor.tenantId);
  await recordAudit(db, actor, {
    action: "category.updated",
    entity: "Category",
    entityId: input.id,
    details: { ...(input.name !== undefined ? { from: category.name, to: input.name } : {}), move: input.move },
  });
}

/** Renumbers the whole list in one transaction, so positions stay distinct whatever came before. */
async function moveCategory(db: TenantDb, id: string, move: "up" | "down"): Promise<void> {
  await db.$transaction(async (tx) => {
    const order = await tx.category.findMany({ orderBy: [{ position: "asc" }, { name: "asc" }], select: { id: true } });
    const index = order.findIndex((row) => row.id === id);
    const target = move === "up" ? index - 1 : index + 1;
    if (index === -1 || target < 0 || target >= order.length) return;
    [order[index], order[target]] = [order[target]!, order[index]!];
    for (const [position, row] of order.entries())
      await tx.category.updateMany({ where: { id: row.id }, data: { position } });
  });
}

/**
 * Deletes a category only while no product is in it: one conditional statement, so a product
 * moved into it at the same moment either lands first (and the delete is refused) or finds it gone.
 */
export async function deleteCategory(db: TenantDb, actor: AuditActor, input: { id: string }): Promise<void> {
  const category = await db.category.findFirst({ where: { id: input.id }, select: { id: true, name: true } });
  if (!category) throw notFoundInStore("category");
  let deleted: number;
  try {
    deleted = (await db.category.deleteMany({ where: { id: input.id, products: { none: {} } } })).count;
  } catch (error) {
    // The foreign key (Restrict) caught a product that arrived between the check and the delete.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2003") deleted = -1;
    else throw error;
  }
  if (deleted !== 1) {
    const products = await db.product.count({ where: { categoryId: input.id } });
    if (products > 0)
      throw new DomainError(
        409,
        `“${category.name}” still holds ${products} ${products === 1 ? "product" : "products"}. Move or delete them first.`,
      );
    // Another request deleted it first.
    throw notFoundInStore("category");
  }
  invalidateCatalog(actor.tenantId);
  await recordAudit(db, actor, {
    action: "category.deleted",
    entity: "Category",
    entityId: input.id,
    details: { name: category.name },
  });
}
