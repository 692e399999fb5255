import "server-only";
import { z } from "zod";
import { getTenantDb, type TenantDb } from "@/lib/db";
import { parseMajorToMinor } from "@/lib/catalog/money";
import { DomainError, notFoundInStore } from "@/lib/security/domain-error";
import { hasHiddenCharacters } from "@/lib/security/typed-text";
import { recordAudit, type AuditActor } from "@/lib/telemetry/audit";
import { writeStoreShipping } from "@/lib/tenancy/store-settings";
import { SHIPPING_COUNTRIES, parseShipsTo } from "./shipping-countries";

// Where a store ships, what shipping costs, and whether Stripe Tax works out the tax: the owner's
// settings on Dashboard → Shipping, read fresh by every checkout (lib/checkout/start-checkout.ts).

/** Stripe Checkout offers at most five shipping options. */
export const MAX_ACTIVE_RATES = 5;

const countryCode = z.enum(SHIPPING_COUNTRIES, { error: "Choose countries from the list." });

export const updateShippingSchema = z
  .object({
    countries: z.array(countryCode).max(SHIPPING_COUNTRIES.length).optional(),
    automaticTax: z.boolean().optional(),
  })
  .strict()
  .refine(
    (input) => input.countries !== undefined || input.automaticTax !== undefined,
    "Send countries or the tax setting.",
  );

const rateName = z
  .string({ error: "Enter a name." })
  .trim()
  .min(2, "Use at least 2 characters.")
  .max(50, "Use at most 50 characters.")
  .refine((value) => !hasHiddenCharacters(value), "Use one line without control characters.");
const days = z.number().int("Use whole days.").min(1, "Use at least 1 day.").max(90, "Use at most 90 days.");

export const createShippingRateSchema = z
  .object({
    name: rateName,
    /** As typed, in the store's currency's major units ("4.95"). */
    amount: z.string().trim().min(1, "Enter a price (0 for free shipping).").max(12),
    minDays: days.optional(),
    maxDays: days.optional(),
  })
  .strict()
  .refine((input) => !input.minDays || !input.maxDays || input.minDays <= input.maxDays, {
    message: "The earliest delivery cannot be after the latest.",
    path: ["maxDays"],
  });

export const archiveShippingRateSchema = z.object({ id: z.string().min(1).max(40) }).strict();

export type ShippingRateView = {
  id: string;
  name: string;
  amountMinor: number;
  currency: string;
  minDays: number | null;
  maxDays: number | null;
  active: boolean;
};

export type ShippingSettings = { countries: string[]; automaticTax: boolean; rates: ShippingRateView[] };

const rateSelect = {
  id: true,
  name: true,
  amountMinor: true,
  currency: true,
  minDays: true,
  maxDays: true,
  active: true,
} as const;

export async function getShippingSettings(tenantId: string): Promise<ShippingSettings> {
  const db = await getTenantDb(tenantId);
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: tenantId } });
  const rates = await db.shippingRate.findMany({
    orderBy: [{ active: "desc" }, { amountMinor: "asc" }, { createdAt: "asc" }],
    select: rateSelect,
  });
  return { countries: parseShipsTo(tenant.shipsTo), automaticTax: tenant.automaticTax, rates };
}

export async function updateShipping(
  db: TenantDb,
  actor: AuditActor,
  input: z.output<typeof updateShippingSchema>,
): Promise<void> {
  const countries = input.countries ? [...new Set(input.countries)].sort() : undefined;
  await writeStoreShipping(actor.tenantId, {
    ...(countries ? { shipsTo: countries.join(",") } : {}),
    ...(input.automaticTax !== undefined ? { automaticTax: input.automaticTax } : {}),
  });
  await recordAudit(db, actor, {
    action: "shipping.updated",
    entity: "Tenant",
    entityId: actor.tenantId,
    details: {
      ...(countries ? { countries } : {}),
      ...(input.automaticTax !== undefined ? { automaticTax: input.automaticTax } : {}),
    },
  });
}

export async function createShippingRate(
  db: TenantDb,
  actor: AuditActor,
  input: z.output<typeof createShippingRateSchema>,
): Promise<{ id: string }> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId } });
  const amountMinor = parseMajorToMinor(input.amount, tenant.currency);
  if (amountMinor === null)
    throw new DomainError(422, `Enter the price as a number in ${tenant.currency}, like 4.95 (0 for free shipping).`);
  // Counted and created in one transaction (one writer at a time): parallel requests cannot
  // together pass the limit.
  const rate = await db.$transaction(async (tx) => {
    const active = await tx.shippingRate.count({ where: { active: true, currency: tenant.currency } });
    if (active >= MAX_ACTIVE_RATES)
      throw new DomainError(409, `A checkout offers at most ${MAX_ACTIVE_RATES} shipping options. Archive one first.`);
    return tx.shippingRate.create({
      data: {
        tenantId: actor.tenantId,
        name: input.name,
        amountMinor,
        currency: tenant.currency,
        minDays: input.minDays ?? null,
        maxDays: input.maxDays ?? input.minDays ?? null,
      },
    });
  });
  await recordAudit(db, actor, {
    action: "shipping_rate.created",
    entity: "ShippingRate",
    entityId: rate.id,
    details: { name: rate.name, amountMinor },
  });
  return { id: rate.id };
}

/** Archived rates stay: orders name the rate they were shipped with. */
export async function archiveShippingRate(
  db: TenantDb,
  actor: AuditActor,
  input: z.output<typeof archiveShippingRateSchema>,
): Promise<void> {
  const rate = await db.shippingRate.findFirst({ where: { id: input.id } });
  if (!rate) throw notFoundInStore("shipping rate");
  if (!rate.active) return;
  await db.shippingRate.updateMany({ where: { id: rate.id }, data: { active: false } });
  await recordAudit(db, actor, {
    action: "shipping_rate.archived",
    entity: "ShippingRate",
    entityId: rate.id,
    details: { name: rate.name },
  });
}
