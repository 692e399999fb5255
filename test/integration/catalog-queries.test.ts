import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import {
  getProductBySlug,
  listCategories,
  listFeaturedProducts,
  listListingFacets,
  listProducts,
  parseListingQuery,
  SORT_OPTIONS,
} from "@/lib/catalog";
import { buildListingStatement, findListingPage, toFtsQuery } from "@/lib/catalog/listing-sql";
import { updateProduct } from "@/lib/catalog/manage-products";
import { getTenantDb } from "@/lib/db";
import { PrismaClient } from "@/lib/db/generated/client";
import { createProductWithOption } from "../support/catalog-fixtures";
import { getTenantIds, type SeededTenantIds } from "../support/db";

// Issue 14, item 2: the query plan of every catalog query, and full-text search. The application's
// own client is replaced by one that logs its SQL, so the plans shown are of the statements the
// catalog really sends. (better-sqlite3 project only: both drivers run the same SQLite planner.)

type Logged = { query: string; params: string };
let client: PrismaClient;
let ids: SeededTenantIds;
let categoryId: string;
const logged: Logged[] = [];
const query = (params: Record<string, string> = {}) => parseListingQuery(params, "USD");

beforeAll(async () => {
  const file = process.env.DATABASE_URL!.replace(/^file:/, "");
  client = new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url: file }),
    log: [{ level: "query", emit: "event" }],
  });
  // The generated client types $on by its options' log levels; the events carry SQL and params.
  (client as unknown as { $on(event: "query", listener: (event: Logged) => void): void }).$on("query", (event) =>
    logged.push({ query: event.query, params: event.params }),
  );
  (globalThis as { bulwarkDb?: Promise<unknown> }).bulwarkDb = Promise.resolve(client);
  ids = await getTenantIds();
  categoryId = (await client.category.findFirstOrThrow({ where: { tenantId: ids.northwind, slug: { not: "all" } } }))
    .id;
});

async function planOf(sql: string, args: unknown[]): Promise<string> {
  const rows = await client.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sql}`, ...args);
  return rows.map((row) => row.detail).join("\n");
}

/** Runs `work` and answers the plan of every statement it sent, with the statement. */
async function plansOf(work: () => Promise<unknown>): Promise<{ sql: string; plan: string }[]> {
  logged.length = 0;
  await work();
  const statements = logged.splice(0);
  return Promise.all(
    statements.map(async ({ query: sql, params }) => ({
      sql,
      plan: await planOf(sql, JSON.parse(params) as unknown[]),
    })),
  );
}

/** A full scan of a table (not of an index, a subquery or the search index). */
const FULL_SCAN = /\bSCAN (main\.)?"?(Product|Variant|ProductImage|Category|p|v)"?(?! USING)(\s|$)/;

describe("query plans", () => {
  it("reads every listing page in index order: no full scan, no temporary B-tree", async () => {
    for (const scope of [{ tenantId: ids.northwind, categoryId }, { tenantId: ids.northwind }]) {
      for (const { value: sort } of SORT_OPTIONS) {
        for (const filters of [{}, { size: "M", inStock: "1", min: "10", max: "200" }] as Record<string, string>[]) {
          const statement = buildListingStatement(scope, query({ sort, ...filters }), 2);
          const plan = await planOf(statement.sql, statement.args);
          const context = `${sort} ${JSON.stringify(filters)} ${scope.categoryId ? "category" : "store"}\n${plan}`;
          expect(plan, context).not.toMatch(/TEMP B-TREE/);
          expect(plan, context).not.toMatch(FULL_SCAN);
          expect(plan, context).toMatch(/USING COVERING INDEX Product_tenantId_status/);
        }
      }
    }
  });

  it("searches through the full-text index, never a LIKE scan of the products", async () => {
    for (const scope of [{ tenantId: ids.northwind, categoryId }, { tenantId: ids.northwind }]) {
      const statement = buildListingStatement(scope, query({ q: "merino wool" }), 1);
      const plan = await planOf(statement.sql, statement.args);
      expect(plan).toMatch(/ProductSearch VIRTUAL TABLE INDEX \d+:M/);
      expect(plan).not.toMatch(FULL_SCAN);
      expect(statement.sql).not.toMatch(/LIKE/);
    }
  });

  it("sends listing, product, category and facet queries that each use an index", async () => {
    const reads = await plansOf(async () => {
      await listProducts({ tenantId: ids.northwind, categoryId }, query({ sort: "price-asc" }));
      await listProducts({ tenantId: ids.northwind }, query({ q: "merino" }));
      await listFeaturedProducts(ids.northwind);
      await listListingFacets({ tenantId: ids.northwind, categoryId });
      await listListingFacets({ tenantId: ids.northwind });
      await listCategories(ids.northwind);
      await getProductBySlug(ids.northwind, "meridian-merino-tee");
    });
    expect(reads.length).toBeGreaterThanOrEqual(10);
    for (const { sql, plan } of reads) {
      expect(plan, `${sql}\n${plan}`).not.toMatch(FULL_SCAN);
    }
    // Facets are grouped by SQLite: one row per distinct size and colour reaches JavaScript.
    const facets = reads.filter(({ sql }) => /GROUP BY/.test(sql));
    expect(facets).toHaveLength(2);
    // The featured shelf is read in index order.
    const featured = reads.find(({ sql }) => /`featured` = \?/.test(sql));
    expect(featured?.plan).not.toMatch(/TEMP B-TREE/);
  });
});

describe("full-text search", () => {
  it("ranks a match in the title above a match in the description only", async () => {
    const tenantDb = await getTenantDb(ids.northwind);
    const actor = { id: "test", email: "merchant@northwind.test", tenantId: ids.northwind };
    const base = { categoryId, status: "ACTIVE" as const, featured: true };
    await createProductWithOption(tenantDb, actor, {
      ...base,
      title: "Plain flask",
      slug: "plain-flask",
      description: "Keeps quokkaberry tea warm.",
    });
    await createProductWithOption(tenantDb, actor, {
      ...base,
      title: "Quokkaberry flask",
      slug: "quokka-flask",
      description: "",
    });
    const result = await listProducts({ tenantId: ids.northwind }, query({ q: "quokkaberry" }));
    expect(result.items.map((item) => item.slug)).toEqual(["quokka-flask", "plain-flask"]);
    // A prefix of a word finds it too; case and accents do not matter.
    const prefix = await listProducts({ tenantId: ids.northwind }, query({ q: "QUÖKKA" }));
    expect(prefix.items.map((item) => item.slug)).toEqual(["quokka-flask", "plain-flask"]);
  });

  it("follows product writes through the triggers, and stays inside the store", async () => {
    const tenantDb = await getTenantDb(ids.northwind);
    const actor = { id: "test", email: "merchant@northwind.test", tenantId: ids.northwind };
    const { id } = await createProductWithOption(tenantDb, actor, {
      title: "Wombatwood stool",
      slug: "wombatwood-stool",
      description: "",
      categoryId,
      status: "ACTIVE",
      featured: false,
    });
    const find = async (tenantId: string, q: string) =>
      (await listProducts({ tenantId }, query({ q }))).items.map((item) => item.slug);
    expect(await find(ids.northwind, "wombatwood")).toEqual(["wombatwood-stool"]);
    expect(await find(ids.lumen, "wombatwood")).toEqual([]);
    await updateProduct(tenantDb, actor, { id, title: "Numbatwood stool" });
    expect(await find(ids.northwind, "wombatwood")).toEqual([]);
    expect(await find(ids.northwind, "numbatwood")).toEqual(["wombatwood-stool"]);
    await updateProduct(tenantDb, actor, { id, status: "ARCHIVED" });
    expect(await find(ids.northwind, "numbatwood")).toEqual([]);
  });

  it("orders a store's results by its own products only: another store's drafts move nothing", async () => {
    // The index is one table for every store. A score that weighs a word by its rarity across
    // the index would let store A's order tell whether store B uses a word, even in a draft.
    const northwindDb = await getTenantDb(ids.northwind);
    const northwind = { id: "test", email: "merchant@northwind.test", tenantId: ids.northwind };
    const fields = { description: "", categoryId, status: "ACTIVE" as const, featured: false };
    await createProductWithOption(northwindDb, northwind, {
      ...fields,
      title: "Qprobe qprobe zorblax",
      slug: "probe-y",
    });
    await createProductWithOption(northwindDb, northwind, {
      ...fields,
      title: "Zorblax zorblax qprobe",
      slug: "probe-x",
    });
    // The statement itself, run on each side of B's writes: no cache in between.
    const order = async () => (await planAndRun("zorblax qprobe", "fts")).ids;
    const before = await order();
    expect(before).toHaveLength(2);
    const lumenDb = await getTenantDb(ids.lumen);
    const lumen = { id: "test", email: "merchant@lumen.test", tenantId: ids.lumen };
    const lumenCategory = (await lumenDb.category.findFirstOrThrow({ where: { tenantId: ids.lumen } })).id;
    for (let i = 0; i < 5; i++) {
      await createProductWithOption(lumenDb, lumen, {
        title: `Zorblax prototype ${i}`,
        slug: `secret-zorblax-${i}`,
        description: "unreleased zorblax",
        categoryId: lumenCategory,
        status: "DRAFT",
        featured: false,
      });
    }
    expect(await order()).toEqual(before);
  });

  it("finds with LIKE, as a fallback, what the index finds for whole words", async () => {
    for (const q of ["merino", "merino socks", "jacket", "100%"]) {
      const fts = await planAndRun(q, "fts");
      const like = await planAndRun(q, "like");
      expect(like.sql).toMatch(/LIKE/);
      expect(like.ids.sort(), q).toEqual(fts.ids.sort());
    }
  });

  it("makes search text a string token, never FTS syntax", async () => {
    expect(toFtsQuery(['say "hi"', "OR", "NEAR(a"])).toBe('"say ""hi"""* "OR"* "NEAR(a"*');
    for (const q of ['"', "merino OR", "NOT wool", "title:merino", "a* b*", "NEAR(merino wool)"]) {
      await expect(findListingPage({ tenantId: ids.northwind }, query({ q }))).resolves.toBeDefined();
    }
  });
});

async function planAndRun(q: string, mode: "fts" | "like") {
  const statement = buildListingStatement({ tenantId: ids.northwind }, query({ q }), 1, mode);
  const rows = await client.$queryRawUnsafe<{ id: string }[]>(statement.sql, ...statement.args);
  return { sql: statement.sql, ids: rows.map((row) => row.id) };
}
