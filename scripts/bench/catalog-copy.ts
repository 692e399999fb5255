// The databases `npm run bench` serves: copies of the seeded test database, one with the demo
// catalog (1×) and one where Northwind's catalog is copied 99 more times (100×), plus shoppers
// of its own so sign-ins never meet the per-account limit. Plain SQL on a copy: the triggers of
// the product search index (migration product_search) index the copies like any other write.
import { copyFileSync } from "node:fs";
import Database from "better-sqlite3";
import { ensureBaseDatabase } from "../../test/support/base-database";

export const BENCH_PASSWORD = "correct-horse-battery-staple";
export const BENCH_SHOPPERS = 200;

type Db = InstanceType<typeof Database>;

function columnsOf(db: Db, table: string): string[] {
  return (db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string }[]).map((column) => column.name);
}

/** Copies the rows `where` selects once per n in 1..copies, with some columns rewritten per copy. */
function copyRows(db: Db, table: string, where: string, copies: number, rewrite: Record<string, string>): void {
  const columns = columnsOf(db, table);
  const select = columns.map((column) => rewrite[column] ?? `t."${column}"`).join(", ");
  db.exec(`
    WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${copies})
    INSERT INTO "${table}" (${columns.map((column) => `"${column}"`).join(", ")})
    SELECT ${select} FROM "${table}" AS t, n WHERE ${where}`);
}

/** A copy of the seeded database at `file`; `scale` 100 makes Northwind's catalog 100 times larger. */
export function prepareBenchDatabase(file: string, scale: 1 | 100): void {
  copyFileSync(ensureBaseDatabase("better-sqlite3"), file);
  const db = new Database(file);
  const tenantId = (db.prepare(`SELECT "id" FROM "Tenant" WHERE "slug" = 'northwind'`).get() as { id: string }).id;
  db.transaction(() => {
    const shopper = `t."tenantId" = '${tenantId}' AND t."email" = 'shopper@northwind.test'`;
    copyRows(db, "User", shopper, BENCH_SHOPPERS, {
      id: `t."id" || '-bench-' || n.i`,
      email: `'bench-' || n.i || '@northwind.test'`,
    });
    if (scale === 1) return;
    const products = `t."tenantId" = '${tenantId}'`;
    const copies = scale - 1;
    copyRows(db, "Product", products, copies, {
      id: `t."id" || '-x' || n.i`,
      slug: `t."slug" || '-x' || n.i`,
      title: `t."title" || ' ' || n.i`,
    });
    copyRows(db, "Variant", products, copies, {
      id: `t."id" || '-x' || n.i`,
      productId: `t."productId" || '-x' || n.i`,
      sku: `t."sku" || '-X' || n.i`,
    });
    copyRows(db, "ProductImage", products, copies, {
      id: `t."id" || '-x' || n.i`,
      productId: `t."productId" || '-x' || n.i`,
    });
  })();
  db.pragma("wal_checkpoint(TRUNCATE)");
  db.close();
}

/** A category slug and a product slug of Northwind that the pages measure. */
export function pickTargets(file: string): { category: string; product: string } {
  const db = new Database(file, { readonly: true });
  const row = db
    .prepare(
      `SELECT c."slug" AS category, p."slug" AS product FROM "Product" p JOIN "Category" c ON c."id" = p."categoryId"
       JOIN "Tenant" t ON t."id" = p."tenantId" WHERE t."slug" = 'northwind' AND p."status" = 'ACTIVE'
       AND c."slug" <> 'all' ORDER BY p."createdAt", p."id" LIMIT 1`,
    )
    .get() as { category: string; product: string };
  db.close();
  return row;
}

/**
 * The variant the checkout measurement buys: one of Northwind's, stocked for any run's length so
 * the measurement is of checkouts, not of an empty shelf.
 */
export function stockCheckoutVariant(file: string): string {
  const db = new Database(file);
  const row = db
    .prepare(
      `SELECT v."id" AS id FROM "Variant" v JOIN "Product" p ON p."id" = v."productId" JOIN "Tenant" t ON t."id" = p."tenantId"
       WHERE t."slug" = 'northwind' AND p."status" = 'ACTIVE' AND v."priceMinor" > 0 ORDER BY v."id" LIMIT 1`,
    )
    .get() as { id: string };
  db.prepare(`UPDATE "Variant" SET "stock" = 1000000 WHERE "id" = ?`).run(row.id);
  db.close();
  return row.id;
}
