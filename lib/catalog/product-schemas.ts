import { z } from "zod";
import { hasHiddenCharacters } from "@/lib/security/typed-text";

// What a merchant may send. Text is stored as typed and rendered escaped by React, so markup in a
// title shows as text; control characters are refused.
const plainText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .refine((value) => !hasHiddenCharacters(value, { multiline: true }), "Remove control characters.");

export const slugSchema = z
  .string()
  .trim()
  .min(2, "Use at least 2 characters.")
  .max(80, "Use at most 80 characters.")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "Use lower-case letters, digits and single hyphens.");

const id = z.string().min(1).max(40);
const priceMinor = z
  .number({ error: "Enter a price." })
  .int("Prices are whole minor units (cents).")
  .min(0, "A price cannot be negative.")
  .max(100_000_000);

export const productFieldsSchema = z
  .object({
    title: plainText(120).pipe(z.string().min(2, "Enter a title.")),
    slug: slugSchema,
    description: plainText(4000),
    categoryId: id,
    status: z.enum(["DRAFT", "ACTIVE", "ARCHIVED"]),
    featured: z.boolean(),
  })
  .strict();

export const createProductSchema = productFieldsSchema;
export const updateProductSchema = productFieldsSchema.partial().extend({ id }).strict();

const sku = z
  .string()
  .trim()
  .min(2, "Use at least 2 characters.")
  .max(40, "Use at most 40 characters.")
  .regex(/^[A-Z0-9][A-Z0-9-]*$/, "Use upper-case letters, digits and hyphens.");

export const createVariantSchema = z
  .object({
    id,
    sku,
    title: plainText(60).pipe(z.string().min(1, "Enter a name for this option.")),
    size: plainText(20).optional(),
    color: plainText(30).optional(),
    priceMinor,
    stock: z.number().int().min(0, "Stock cannot be negative.").max(1_000_000),
  })
  .strict();

export const updateVariantSchema = z
  .object({
    id,
    sku: sku.optional(),
    title: plainText(60).pipe(z.string().min(1)).optional(),
    size: plainText(20).optional(),
    color: plainText(30).optional(),
    priceMinor: priceMinor.optional(),
  })
  .strict()
  .refine((input) => Object.keys(input).length > 1, "Send at least one field to change.");

export const adjustStockSchema = z
  .object({
    id,
    delta: z
      .number()
      .int("Adjust by whole units.")
      .min(-100_000)
      .max(100_000)
      .refine((value) => value !== 0, "Adjust by at least one unit."),
    reason: plainText(200).pipe(z.string().min(3, "Say why (at least 3 characters).")),
  })
  .strict();

export const idOnlySchema = z.object({ id }).strict();

export const productSearchSchema = z.object({ q: z.string().trim().max(100).optional().catch(undefined) });

export const uploadImageSchema = z
  .object({
    id: z.string().min(1).max(40),
    file: z.instanceof(File, { error: "Choose an image file." }),
    alt: z.string().trim().max(200).optional().default(""),
    // The option (a colour) the image shows; empty for the product's own image.
    variantId: z.string().max(40).optional().default(""),
  })
  .strict();
