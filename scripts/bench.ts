// npm run bench — speed targets, measured on a migrated, seeded copy of the test database.
// Each line prints the median and 95th percentile and whether the target holds; the command
// exits non-zero if any target is missed. Targets are for the reference machine (2 cores).
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { DATABASE_SCHEMES, ensureBaseDatabase } from "../test/support/base-database";

// `npm run bench -- --libsql` measures the same queries through the libSQL adapter
// (docs/decisions/009-embedded-sqlite-driver.md compares the two).
const driver = process.argv.includes("--libsql") ? "libsql" : "better-sqlite3";
const dir = mkdtempSync(path.join(tmpdir(), "bulwark-bench-"));
const file = path.join(dir, "bench.db");
copyFileSync(ensureBaseDatabase(driver), file);
process.env.DATABASE_URL = `${DATABASE_SCHEMES[driver]}${file}`;
console.log(`driver: ${driver}`);

const { hashPassword, verifyPassword } = await import("../lib/identity/password");
const { listProducts } = await import("../lib/catalog/list-products");
const { getProductBySlug } = await import("../lib/catalog/get-product");
const { parseListingQuery } = await import("../lib/catalog/listing-query");
const { MemoryLimiter } = await import("../lib/rate-limit/memory-limiter");
const { getPlatformDb } = await import("../lib/db");

type Result = { name: string; median: number; p95: number; target: number; unit: string };
const results: Result[] = [];

async function measure(name: string, runs: number, targetMs: number, work: () => Promise<unknown> | unknown) {
  for (let i = 0; i < Math.min(5, runs); i++) await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  results.push({
    name,
    median: times[Math.floor(runs / 2)]!,
    p95: times[Math.floor(runs * 0.95)]!,
    target: targetMs,
    unit: "ms",
  });
}

const tenant = await (await getPlatformDb()).tenant.findUniqueOrThrow({ where: { slug: "northwind" } });
const stored = await hashPassword("lantern orbit velvet cactus");

await measure("argon2id hash (m=19 MiB, t=2)", 20, 60, () => hashPassword("lantern orbit velvet cactus"));
await measure("argon2id verify", 20, 60, () => verifyPassword(stored, "lantern orbit velvet cactus"));
await measure("catalog: category page (filters + sort)", 100, 15, () =>
  listProducts(
    { tenantId: tenant.id },
    parseListingQuery({ sort: "price-asc", inStock: "1", min: "20", max: "200" }, "USD"),
  ),
);
await measure("catalog: search, two terms", 100, 15, () =>
  listProducts({ tenantId: tenant.id }, parseListingQuery({ q: "merino socks" }, "USD")),
);
await measure("catalog: product page", 200, 5, () => getProductBySlug(tenant.id, "ridgeline-shell-jacket"));
const limiter = new MemoryLimiter();
let key = 0;
await measure("in-memory rate limit, 1000 decisions", 50, 5, () => {
  for (let i = 0; i < 1000; i++)
    limiter.limit(`k${key++ % 5000}`, { kind: "sliding-window", limit: 10, windowMs: 60_000 });
});

await (await getPlatformDb()).$disconnect();
rmSync(dir, { recursive: true, force: true });

let failed = 0;
for (const r of results) {
  const ok = r.p95 <= r.target;
  if (!ok) failed += 1;
  console.log(
    `${ok ? "✔" : "✖"} ${r.name.padEnd(44)} median ${r.median.toFixed(2)} ${r.unit}, p95 ${r.p95.toFixed(2)} ${r.unit} (target p95 ≤ ${r.target} ${r.unit})`,
  );
}
console.log(`${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
