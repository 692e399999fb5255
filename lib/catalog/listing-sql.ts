import "server-only";
import { getPlatformDb } from "@/lib/db";
import { PAGE_SIZE, toSearchTerms, type ListingQuery } from "./listing-query";

// One SQL statement finds a listing's page and its total, where Prisma needs a count and a find.
// Search goes through the FTS5 index "ProductSearch" (migration 20261206024000_product_search);
// `LIKE` is only the fallback for a database without that index.
//
// Relevance is scored from the product's own row: each term found in the title counts ten, in
// the description one. Not bm25: the index is one table for every store, and bm25 weighs a term
// by how rare it is across all of it, drafts included, so one store's result order would tell
// which words other stores use (an outside test showed a store's unreleased product names moving
// another store's results).
//
// Raw SQL runs on the platform client (the tenant client refuses it), so the store's id is bound
// in every table read here; this returns only product ids, and the cards are then read through
// the tenant client, which scopes them again.

export type ListingScope = { tenantId: string; categoryId?: string };
export type ListingPage = { ids: string[]; total: number; page: number };

type SearchMode = "fts" | "like";
type Statement = { sql: string; args: (string | number)[] };

/** A term as an FTS5 string token with a prefix match: quotes doubled, nothing else is syntax. */
export const toFtsQuery = (terms: string[]) => terms.map((term) => `"${term.replaceAll('"', '""')}"*`).join(" ");

/** `%` and `_` in search text are text, as Prisma's `contains` treated them. */
const likePattern = (term: string) => `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

// The id tie-breaker runs with the sort, so one index per sort serves both directions.
const ORDER_BY: Record<ListingQuery["sort"], string> = {
  featured: `p."featured" DESC, p."createdAt" DESC, p."id" DESC`,
  newest: `p."createdAt" DESC, p."id" DESC`,
  "price-asc": `p."minPriceMinor" ASC, p."id" ASC`,
  "price-desc": `p."minPriceMinor" DESC, p."id" DESC`,
};

/** The statement for one page; exported so a test can show its query plan. */
export function buildListingStatement(
  scope: ListingScope,
  query: ListingQuery,
  page: number,
  mode: SearchMode = "fts",
): Statement {
  const args: (string | number)[] = [];
  const terms = toSearchTerms(query.q);
  let from = `"Product" AS p`;
  let relevance = "";
  const relevanceArgs: string[] = [];
  if (terms.length > 0 && mode === "fts") {
    from += ` JOIN (SELECT "productId" FROM "ProductSearch" WHERE "ProductSearch" MATCH ? AND "tenantId" = ?) AS s ON s."productId" = p."id"`;
    args.push(toFtsQuery(terms), scope.tenantId);
  }
  // On a search the default order is relevance; a sort the shopper picks still wins.
  if (terms.length > 0 && query.sort === "featured") {
    const score = terms.map(() => `(instr(lower(p."title"), ?) > 0) * 10 + (instr(lower(p."description"), ?) > 0)`);
    relevance = `(${score.join(" + ")}) DESC, `;
    for (const term of terms) relevanceArgs.push(term, term);
  }
  const where = [`p."tenantId" = ?`, `p."status" = 'ACTIVE'`];
  args.push(scope.tenantId);
  if (scope.categoryId) {
    where.push(`p."categoryId" = ?`);
    args.push(scope.categoryId);
  }
  if (terms.length > 0 && mode === "like") {
    for (const term of terms) {
      where.push(`(p."title" LIKE ? ESCAPE '\\' OR p."description" LIKE ? ESCAPE '\\')`);
      args.push(likePattern(term), likePattern(term));
    }
  }
  // One variant must satisfy every variant filter at once: "size M, in stock, under 50".
  const variant: [string, ...(string | number)[]][] = [];
  if (query.minPriceMinor !== undefined) variant.push([`v."priceMinor" >= ?`, query.minPriceMinor]);
  if (query.maxPriceMinor !== undefined) variant.push([`v."priceMinor" <= ?`, query.maxPriceMinor]);
  if (query.inStock) variant.push([`v."stock" > 0`]);
  if (query.size) variant.push([`v."size" = ?`, query.size]);
  if (query.color) variant.push([`v."color" = ?`, query.color]);
  if (variant.length > 0) {
    const conditions = variant.map(([condition]) => condition).join(" AND ");
    where.push(
      `EXISTS (SELECT 1 FROM "Variant" AS v WHERE v."productId" = p."id" AND v."tenantId" = p."tenantId" AND ${conditions})`,
    );
    for (const [, ...values] of variant) args.push(...values);
  }
  // The total is a scalar subquery, evaluated once over a covering index; a window function
  // (COUNT(*) OVER ()) would make SQLite sort every matching row in a temporary B-tree instead of
  // reading the page in index order.
  const body = `FROM ${from} WHERE ${where.join(" AND ")}`;
  return {
    sql: `SELECT p."id" AS "id", (SELECT COUNT(*) ${body}) AS "total" ${body} ORDER BY ${relevance}${ORDER_BY[query.sort]} LIMIT ? OFFSET ?`,
    args: [...args, ...args, ...relevanceArgs, PAGE_SIZE, (page - 1) * PAGE_SIZE],
  };
}

/** The database lacks FTS5 or the index (an older libSQL server): search uses LIKE from then on. */
const isMissingSearchIndex = (error: unknown) => /no such (table: ProductSearch|module: fts5)/i.test(String(error));
/** FTS5 refused this one query's syntax: that query falls back, the index stays in use. */
const isSearchSyntaxError = (error: unknown) => /fts5: syntax error/i.test(String(error));

async function run(statement: Statement): Promise<{ ids: string[]; total: number }> {
  const db = await getPlatformDb();
  const rows = await db.$queryRawUnsafe<{ id: string; total: number | bigint }[]>(statement.sql, ...statement.args);
  return { ids: rows.map((row) => row.id), total: Number(rows[0]?.total ?? 0) };
}

let ftsAvailable = true;

async function runPage(scope: ListingScope, query: ListingQuery, page: number) {
  if (!query.q || !ftsAvailable) return run(buildListingStatement(scope, query, page, ftsAvailable ? "fts" : "like"));
  try {
    return await run(buildListingStatement(scope, query, page, "fts"));
  } catch (error) {
    if (isMissingSearchIndex(error)) ftsAvailable = false;
    else if (!isSearchSyntaxError(error)) throw error;
    return run(buildListingStatement(scope, query, page, "like"));
  }
}

/** The ids of one page and the listing's total; a page past the end is clamped to the last page. */
export async function findListingPage(scope: ListingScope, query: ListingQuery): Promise<ListingPage> {
  const requested = await runPage(scope, query, query.page);
  if (requested.ids.length > 0 || query.page === 1) return { ...requested, page: query.page };
  // Past the end the window has no row to carry the total: read the first page for it, then the
  // last page. Only hand-made URLs get here.
  const first = await runPage(scope, query, 1);
  const last = Math.max(1, Math.ceil(first.total / PAGE_SIZE));
  return last === 1 ? { ...first, page: 1 } : { ...(await runPage(scope, query, last)), page: last };
}
