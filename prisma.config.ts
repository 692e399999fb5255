import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

// The CLI runs on Prisma's JavaScript schema engine through the driver adapter, so migrations
// work offline: no engine binary is ever downloaded (docs/decisions/002-prisma-6-js-engine.md).
process.env.DATABASE_URL ??= "file:./data/dev.db";
const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () => new PrismaBetterSQLite3({ url: url.replace(/^file:/, "") }),
});
