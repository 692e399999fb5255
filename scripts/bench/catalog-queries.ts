// Child process of `npm run bench`: the catalog's queries on one database (DATABASE_URL), each
// run cold — the store's data cache is invalidated first, so this is the query, not the cache.
// Prints one JSON line: median and 95th percentile per query, in milliseconds.
import { invalidateCatalog } from "../../lib/catalog/catalog-cache";
import { findCategoryBySlug } from "../../lib/catalog/categories";
import { getProductBySlug } from "../../lib/catalog/get-product";
import { listProducts } from "../../lib/catalog/list-products";
import { parseListingQuery } from "../../lib/catalog/listing-query";
import { getPlatformDb } from "../../lib/db";

const category = process.argv[2]!;
const product = process.argv[3]!;
const db = await getPlatformDb();
const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: "northwind" } });
const categoryId = (await findCategoryBySlug(tenant.id, category))!.id;

async function measure(runs: number, work: () => Promise<unknown>) {
  const times: number[] = [];
  for (let i = 0; i < runs + 5; i++) {
    invalidateCatalog(tenant.id);
    const start = performance.now();
    await work();
    if (i >= 5) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)]!, p95: times[Math.floor(runs * 0.95)]! };
}

const results = {
  category: await measure(100, () =>
    listProducts(
      { tenantId: tenant.id, categoryId },
      parseListingQuery({ sort: "price-asc", inStock: "1", min: "20", max: "200" }, "USD"),
    ),
  ),
  search: await measure(100, () =>
    listProducts({ tenantId: tenant.id }, parseListingQuery({ q: "merino socks" }, "USD")),
  ),
  product: await measure(200, () => getProductBySlug(tenant.id, product)),
};
await db.$disconnect();
console.log(JSON.stringify(results));
