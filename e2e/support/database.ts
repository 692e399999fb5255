import Database from "better-sqlite3";
import path from "node:path";

/** Read-only access to an end-to-end server's database, for what a real user would read elsewhere (their inbox). */
export function openE2eDatabase(name = "e2e") {
  return new Database(path.resolve(`data/${name}.db`), { readonly: true, fileMustExist: true });
}

export function readLatestMail(to: string, name = "e2e"): { subject: string; text: string } | undefined {
  const db = openE2eDatabase(name);
  try {
    return db
      .prepare(`SELECT subject, text FROM "OutboundEmail" WHERE "to" = ? ORDER BY createdAt DESC LIMIT 1`)
      .get(to) as { subject: string; text: string } | undefined;
  } finally {
    db.close();
  }
}

export type StockedProduct = { slug: string; variantId: string; sku: string; stock: number };

/**
 * Products whose preselected option (the first in stock) has at least `minStock` units, for a
 * store; `offset` keeps tests that run in parallel on different products.
 */
export function findStockedProducts(storeSlug: string, count: number, offset: number, minStock = 4): StockedProduct[] {
  const db = openE2eDatabase();
  try {
    const rows = db
      .prepare(
        `SELECT p.slug AS slug, v.id AS variantId, v.sku AS sku, v.stock AS stock
         FROM "Product" p JOIN "Tenant" t ON t.id = p.tenantId
         JOIN "Variant" v ON v.id = (SELECT id FROM "Variant" WHERE productId = p.id AND stock > 0 ORDER BY position, sku LIMIT 1)
         WHERE t.slug = ? AND p.status = 'ACTIVE' AND v.stock >= ? ORDER BY p.slug LIMIT ? OFFSET ?`,
      )
      .all(storeSlug, minStock, count, offset) as StockedProduct[];
    if (rows.length < count) throw new Error(`Not enough stocked products in ${storeSlug}`);
    return rows;
  } finally {
    db.close();
  }
}

export function stockOf(variantId: string): number {
  const db = openE2eDatabase();
  try {
    return (db.prepare(`SELECT stock FROM "Variant" WHERE id = ?`).get(variantId) as { stock: number }).stock;
  } finally {
    db.close();
  }
}

export function orderStatus(orderId: string): string {
  const db = openE2eDatabase();
  try {
    return (db.prepare(`SELECT status FROM "Order" WHERE id = ?`).get(orderId) as { status: string }).status;
  } finally {
    db.close();
  }
}
