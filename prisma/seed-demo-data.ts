import type { Db } from "../lib/db/create-client";
import { hashPassword } from "../lib/identity/password";
import {
  DEMO_ACCOUNTS,
  DEMO_PASSWORD,
  PLATFORM,
  STORES,
  colorImagePathFor,
  imagePathFor,
  type StoreSeed,
} from "./seed-data/stores";

// Idempotent: every row is upserted by its natural key, so running the seed twice changes nothing
// and never duplicates. Demo passwords are set only when an account is first created.

async function upsertTenant(
  db: Db,
  data: { slug: string; name: string; kind: "STORE" | "PLATFORM" } & Partial<StoreSeed>,
) {
  const fields = {
    name: data.name,
    kind: data.kind,
    currency: data.currency ?? "USD",
    tagline: data.tagline ?? "",
    description: data.description ?? "",
    accentColor: data.accentColor ?? "#334155",
    logoPath: data.kind === "STORE" ? `/assets/logos/${data.slug}.svg` : null,
  };
  return db.tenant.upsert({ where: { slug: data.slug }, create: { slug: data.slug, ...fields }, update: fields });
}

async function seedDomains(db: Db, tenantId: string, hosts: string[]) {
  for (const [index, host] of hosts.entries()) {
    await db.tenantDomain.upsert({
      where: { host },
      create: { host, tenantId, isPrimary: index === 0 },
      update: { tenantId, isPrimary: index === 0 },
    });
  }
}

async function seedCatalog(db: Db, tenantId: string, store: StoreSeed) {
  const categoryIds = new Map<string, string>();
  for (const [position, category] of store.categories.entries()) {
    const fields = { name: category.name, description: category.description, position };
    const row = await db.category.upsert({
      where: { tenantId_slug: { tenantId, slug: category.slug } },
      create: { tenantId, slug: category.slug, ...fields },
      update: fields,
    });
    categoryIds.set(category.slug, row.id);
  }
  // createdAt is spread over past days so "newest" has a stable, meaningful order.
  const now = Date.now();
  for (const [index, product] of store.products.entries()) {
    const categoryId = categoryIds.get(product.category);
    if (!categoryId) throw new Error(`Unknown category ${product.category} for ${product.slug}`);
    const fields = {
      categoryId,
      title: product.title,
      description: product.description,
      status: "ACTIVE" as const,
      featured: product.featured,
      minPriceMinor: Math.min(...product.variants.map((v) => v.priceMinor)),
    };
    const row = await db.product.upsert({
      where: { tenantId_slug: { tenantId, slug: product.slug } },
      create: { tenantId, slug: product.slug, createdAt: new Date(now - index * 86_400_000), ...fields },
      update: fields,
    });
    const colorImages: { variantId: string; color: string }[] = [];
    for (const [position, variant] of product.variants.entries()) {
      const variantFields = { ...variant, productId: row.id, position };
      const saved = await db.variant.upsert({
        where: { tenantId_sku: { tenantId, sku: variant.sku } },
        create: { tenantId, ...variantFields },
        update: variantFields,
      });
      if (variant.color) colorImages.push({ variantId: saved.id, color: variant.color });
    }
    await db.productImage.deleteMany({ where: { tenantId, productId: row.id } });
    // The product's own two images first (listings show the first), then one per colour option.
    await db.productImage.createMany({
      data: [
        ...[1, 2].map((n) => ({
          tenantId,
          productId: row.id,
          path: imagePathFor(store.slug, product.slug, n),
          alt: n === 1 ? product.title : `${product.title}, detail`,
          position: n - 1,
        })),
        ...colorImages.map(({ variantId, color }, index) => ({
          tenantId,
          productId: row.id,
          variantId,
          path: colorImagePathFor(store.slug, product.slug, color),
          alt: `${product.title} in ${color}`,
          position: 2 + index,
        })),
      ],
    });
  }
}

/** Shipping and codes for a store that has none yet: a merchant's own choices are never overwritten. */
async function seedShipping(db: Db, tenantId: string, store: StoreSeed) {
  await db.tenant.updateMany({
    where: { id: tenantId, shipsTo: "" },
    data: { shipsTo: store.shipsTo.join(","), automaticTax: store.automaticTax },
  });
  if ((await db.shippingRate.count({ where: { tenantId } })) === 0) {
    await db.shippingRate.createMany({
      data: store.shippingRates.map((rate) => ({ tenantId, currency: store.currency, ...rate })),
    });
  }
  for (const code of store.discountCodes) {
    await db.discountCode.upsert({
      where: { tenantId_code: { tenantId, code: code.code } },
      create: { tenantId, ...code },
      update: {},
    });
  }
}

export async function seedDemoData(db: Db): Promise<void> {
  const tenantIds = new Map<string, string>();
  // The platform tenant comes with the migrations; its host with PLATFORM_HOST, never a domain row.
  const platform = await db.tenant.findFirstOrThrow({ where: { kind: "PLATFORM" } });
  tenantIds.set(PLATFORM.slug, platform.id);
  for (const store of STORES) {
    const tenant = await upsertTenant(db, { ...store, kind: "STORE" });
    tenantIds.set(store.slug, tenant.id);
    await seedDomains(db, tenant.id, store.hosts);
    await seedCatalog(db, tenant.id, store);
    await seedShipping(db, tenant.id, store);
  }
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  for (const account of DEMO_ACCOUNTS) {
    const tenantId = tenantIds.get(account.store);
    if (!tenantId) throw new Error(`Unknown store ${account.store}`);
    await db.user.upsert({
      where: { tenantId_email: { tenantId, email: account.email } },
      create: {
        tenantId,
        email: account.email,
        name: account.name,
        role: account.role,
        storeRole: account.storeRole ?? null,
        teamJoinedAt: account.storeRole ? new Date() : null,
        passwordHash,
        emailVerifiedAt: new Date(),
      },
      update: { name: account.name, role: account.role, storeRole: account.storeRole ?? null },
    });
  }
}
