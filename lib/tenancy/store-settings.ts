import "server-only";
import { hasHiddenCharacters } from "@/lib/security/typed-text";
import { z } from "zod";
import { getPlatformDb, getTenantDb, invalidateTags, TENANT_HOSTS_TAG, type TenantDb } from "@/lib/db";
import { getCurrencyMinorDigits } from "@/lib/env/intl-formats";
import { DomainError } from "@/lib/security/domain-error";
import { recordAudit, type AuditActor } from "@/lib/telemetry/audit";
import { accentColourSchema } from "./accent-colour";
import { STORE_CURRENCIES, STORE_LOCALE_TAGS } from "./store-options";

// A merchant's settings of their own store. The tenant client may read its own Tenant row but
// never write one (lib/db/tenant-scope.ts), so the write goes through the platform client, keyed
// by the id the guard resolved from the request's Host — never by an id the caller sends.

/** Text typed by a merchant: stored as typed, rendered escaped; control characters refused. */
const storeText = (max: number, options: { multiline?: boolean } = {}) =>
  z
    .string({ error: "Enter text." })
    .trim()
    .max(max, `Use at most ${max} characters.`)
    .refine(
      (value) => !hasHiddenCharacters(value, options),
      options.multiline ? "Remove control characters." : "Use one line without control characters.",
    );

export const storeSettingsSchema = z
  .object({
    name: storeText(80).pipe(z.string().min(2, "Enter the store's name (at least 2 characters).")),
    tagline: storeText(120),
    description: storeText(1000, { multiline: true }),
    currency: z.enum(STORE_CURRENCIES, { error: `Choose one of ${STORE_CURRENCIES.join(", ")}.` }),
    locale: z.enum(STORE_LOCALE_TAGS, { error: "Choose a language from the list." }),
    accentColor: accentColourSchema,
    shippingPolicy: storeText(5000, { multiline: true }),
    returnsPolicy: storeText(5000, { multiline: true }),
    privacyPolicy: storeText(5000, { multiline: true }),
  })
  .strict();

/** The form sends every field; an API caller may send only those it changes (at least one). */
export const updateStoreSettingsSchema = storeSettingsSchema
  .partial()
  .strict()
  .refine((input) => Object.keys(input).length > 0, "Send at least one setting to change.");

export type StoreSettings = z.output<typeof storeSettingsSchema> & { logoPath: string | null };

const settingsSelect = {
  name: true,
  tagline: true,
  description: true,
  currency: true,
  locale: true,
  accentColor: true,
  shippingPolicy: true,
  returnsPolicy: true,
  privacyPolicy: true,
  logoPath: true,
} as const;

/** The settings form's values, read fresh (never from the host cache). */
export async function getStoreSettings(tenantId: string): Promise<StoreSettings> {
  const db = await getTenantDb(tenantId);
  const row = await db.tenant.findFirstOrThrow({ where: { id: tenantId }, select: settingsSelect });
  return row as StoreSettings;
}


/**
 * The currency rule. Prices are integer minor units and are never converted: after a change the
 * same numbers are read in the new currency (19.99 USD becomes 19.99 EUR); placed orders keep
 * their own currency. Refused while an unpaid (PENDING) order waits, since its checkout was
 * opened in the old currency, and between currencies with different minor units while the store
 * has options (19.99 USD would become ¥1,999).
 */
async function assertCurrencyChangeAllowed(db: TenantDb, from: string, to: string): Promise<void> {
  if (from === to) return;
  const pending = await db.order.count({ where: { status: "PENDING" } });
  if (pending > 0)
    throw new DomainError(
      409,
      `${pending} unpaid ${pending === 1 ? "order is" : "orders are"} still open in ${from}. Change the currency once ${pending === 1 ? "it is" : "they are"} paid or expired.`,
      { currency: [`Unpaid orders in ${from} are still open.`] },
    );
  if (getCurrencyMinorDigits(from) !== getCurrencyMinorDigits(to) && (await db.variant.count()) > 0)
    throw new DomainError(
      409,
      `${to} counts money in different units from ${from}, and prices are not converted: remove this store's options, or choose a currency with the same minor unit.`,
      { currency: [`${to} would change every price's value.`] },
    );
}

/** Saves the settings and drops the store's cached look-ups at once. Audited. */
export async function updateStoreSettings(
  db: TenantDb,
  actor: AuditActor,
  input: z.output<typeof updateStoreSettingsSchema>,
): Promise<void> {
  const before = await getStoreSettings(actor.tenantId);
  if (input.currency) await assertCurrencyChangeAllowed(db, before.currency, input.currency);
  const platform = await getPlatformDb();
  await platform.tenant.update({ where: { id: actor.tenantId, kind: "STORE" }, data: input });
  // The store's row rides in the host look-up cache (lib/tenancy/get-tenant.ts), keyed by host.
  invalidateTags(TENANT_HOSTS_TAG);
  const changed = Object.keys(input).filter(
    (key) => before[key as keyof StoreSettings] !== input[key as keyof typeof input],
  );
  await recordAudit(db, actor, {
    action: "store.settings_updated",
    entity: "Tenant",
    entityId: actor.tenantId,
    details: { changed },
  });
}

/**
 * Points the store at a new logo (or none) and returns the path it replaces, in one transaction:
 * two uploads at once each get the other's path back, so no file is orphaned.
 */
export async function swapStoreLogoPath(tenantId: string, logoPath: string | null): Promise<string | null> {
  const platform = await getPlatformDb();
  const previous = await platform.$transaction(async (tx) => {
    const row = await tx.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { logoPath: true } });
    await tx.tenant.update({ where: { id: tenantId, kind: "STORE" }, data: { logoPath } });
    return row.logoPath;
  });
  invalidateTags(TENANT_HOSTS_TAG);
  return previous;
}

/**
 * The store's shipping destinations and Stripe Tax switch, as lib/checkout/shipping-options.ts
 * validated them. Not in the host look-up's cached row: every checkout reads them fresh.
 */
export async function writeStoreShipping(
  tenantId: string,
  data: { shipsTo?: string; automaticTax?: boolean },
): Promise<void> {
  const platform = await getPlatformDb();
  await platform.tenant.update({ where: { id: tenantId, kind: "STORE" }, data });
}
