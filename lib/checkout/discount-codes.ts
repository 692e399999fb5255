import "server-only";
import { z } from "zod";
import { getTenantDb, Prisma, type TenantDb } from "@/lib/db";
import { parseMajorToMinor } from "@/lib/catalog/money";
import { DomainError, notFoundInStore } from "@/lib/security/domain-error";
import { recordAudit, type AuditActor } from "@/lib/telemetry/audit";

// A store's discount codes. The shopper types one in the cart; the checkout checks it belongs to
// this store, is active and not expired, and sends Stripe the coupon it maps to (created on first
// use, lib/checkout/stripe-objects.ts). Stripe's own promotion-code box is not offered: promotion
// codes are account-wide, so on a shared Stripe account one store's code would work at every store.

/** What a typed code is compared as: trimmed, upper case. */
export const discountCodeText = z
  .string({ error: "Enter a code." })
  .trim()
  .toUpperCase()
  .min(3, "Use at least 3 characters.")
  .max(30, "Use at most 30 characters.")
  .regex(/^[A-Z0-9][A-Z0-9_-]*$/, "Use letters, digits, hyphens and underscores.");

export const createDiscountCodeSchema = z
  .object({
    code: discountCodeText,
    kind: z.enum(["percent", "amount"], { error: "Choose a percentage or an amount off." }),
    /** A whole percentage (1–100) or an amount in the store's currency as typed ("5.00"). */
    value: z.string().trim().min(1, "Enter how much the code takes off.").max(12),
    /** The last day the code works (YYYY-MM-DD, through the end of that day UTC); none: no end. */
    expiresOn: z.iso.date({ error: "Use a date like 2027-01-31." }).optional(),
  })
  .strict();

export const setDiscountCodeActiveSchema = z.object({ id: z.string().min(1).max(40), active: z.boolean() }).strict();

export type DiscountCodeView = {
  id: string;
  code: string;
  percentOff: number | null;
  amountOffMinor: number | null;
  currency: string | null;
  active: boolean;
  expiresAt: Date | null;
  orders: number;
};

export async function listDiscountCodes(tenantId: string): Promise<DiscountCodeView[]> {
  const db = await getTenantDb(tenantId);
  const codes = await db.discountCode.findMany({ orderBy: [{ active: "desc" }, { code: "asc" }] });
  const uses = await db.order.groupBy({
    by: ["discountCodeId"],
    where: { discountCodeId: { in: codes.map((code) => code.id) }, status: { in: ["PAID", "FULFILLED", "REFUNDED"] } },
    _count: { _all: true },
  });
  const count = new Map(uses.map((use) => [use.discountCodeId, use._count._all]));
  return codes.map((code) => ({
    id: code.id,
    code: code.code,
    percentOff: code.percentOff,
    amountOffMinor: code.amountOffMinor,
    currency: code.currency,
    active: code.active,
    expiresAt: code.expiresAt,
    orders: count.get(code.id) ?? 0,
  }));
}

export async function createDiscountCode(
  db: TenantDb,
  actor: AuditActor,
  input: z.output<typeof createDiscountCodeSchema>,
): Promise<{ id: string }> {
  const tenant = await db.tenant.findUniqueOrThrow({ where: { id: actor.tenantId } });
  let amount: { percentOff: number } | { amountOffMinor: number; currency: string };
  if (input.kind === "percent") {
    const percent = /^\d{1,3}$/.test(input.value) ? Number(input.value) : NaN;
    if (!(percent >= 1 && percent <= 100)) throw new DomainError(422, "Enter a whole percentage from 1 to 100.");
    amount = { percentOff: percent };
  } else {
    const minor = parseMajorToMinor(input.value, tenant.currency);
    if (minor === null || minor <= 0)
      throw new DomainError(422, `Enter the amount off in ${tenant.currency}, like 5.00.`);
    amount = { amountOffMinor: minor, currency: tenant.currency };
  }
  const expiresAt = input.expiresOn ? new Date(`${input.expiresOn}T23:59:59.999Z`) : null;
  if (expiresAt && expiresAt.getTime() < Date.now()) throw new DomainError(422, "That date has already passed.");
  try {
    const created = await db.discountCode.create({
      data: { tenantId: actor.tenantId, code: input.code, ...amount, expiresAt },
    });
    await recordAudit(db, actor, {
      action: "discount_code.created",
      entity: "DiscountCode",
      entityId: created.id,
      details: { code: created.code, ...amount },
    });
    return { id: created.id };
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002")
      throw new DomainError(409, `The code ${input.code} already exists in this store.`);
    throw error;
  }
}

export async function setDiscountCodeActive(
  db: TenantDb,
  actor: AuditActor,
  input: z.output<typeof setDiscountCodeActiveSchema>,
): Promise<void> {
  const code = await db.discountCode.findFirst({ where: { id: input.id } });
  if (!code) throw notFoundInStore("discount code");
  if (code.active === input.active) return;
  await db.discountCode.updateMany({ where: { id: code.id }, data: { active: input.active } });
  const entry = { entity: "DiscountCode", entityId: code.id, details: { code: code.code } };
  if (input.active) await recordAudit(db, actor, { action: "discount_code.activated", ...entry });
  else await recordAudit(db, actor, { action: "discount_code.deactivated", ...entry });
}

/**
 * A code that cannot be used: one answer for the shopper whatever the reason, so trying codes tells
 * nobody which exist; the reason is kept for the security log.
 */
export class DiscountCodeRefused extends DomainError {
  constructor(readonly reason: "malformed" | "unknown" | "switched_off" | "expired" | "other_currency") {
    super(422, "That discount code can't be used here. Check it, or check out without it.");
  }
}

export type UsableDiscountCode = {
  id: string;
  tenantId: string;
  code: string;
  percentOff: number | null;
  amountOffMinor: number | null;
  currency: string | null;
  stripeCouponId: string | null;
};

/**
 * The store's code as typed, if it can be used now for an order in this currency. Every refusal
 * reads the same, so trying codes tells nobody which exist, expired or were switched off.
 */
export async function findUsableDiscountCode(
  tenantId: string,
  typed: string,
  currency: string,
): Promise<UsableDiscountCode> {
  const parsed = discountCodeText.safeParse(typed);
  if (!parsed.success) throw new DiscountCodeRefused("malformed");
  const db = await getTenantDb(tenantId);
  const code = await db.discountCode.findFirst({ where: { code: parsed.data } });
  if (!code) throw new DiscountCodeRefused("unknown");
  if (!code.active) throw new DiscountCodeRefused("switched_off");
  if (code.expiresAt && code.expiresAt.getTime() <= Date.now()) throw new DiscountCodeRefused("expired");
  if (code.amountOffMinor !== null && code.currency !== currency) throw new DiscountCodeRefused("other_currency");
  return {
    id: code.id,
    tenantId: code.tenantId,
    code: code.code,
    percentOff: code.percentOff,
    amountOffMinor: code.amountOffMinor,
    currency: code.currency,
    stripeCouponId: code.stripeCouponId,
  };
}
