import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaLibSQL } from "@prisma/adapter-libsql";
import { resolveDatabaseTarget } from "./lib/db/database-url";

// The CLI runs on Prisma's JavaScript schema engine through the driver adapter, so migrations
// work offline: no engine binary is ever downloaded (docs/decisions/002-prisma-6-js-engine.md).
// The adapter is chosen from DATABASE_URL exactly as lib/db chooses it for the app.
const target = resolveDatabaseTarget(
  (process.env.DATABASE_URL ??= "file:./data/dev.db"),
  process.env.DATABASE_AUTH_TOKEN || undefined,
);

// The schema keeps `url = env("DATABASE_URL")` (without a url the CLI misreads it), and the CLI
// checks that url against the sqlite provider before it looks at the adapter: anything but
// `file:` sends it off to download a query engine, which fails offline. With an adapter the url
// is only the label it prints ("SQLite database …"), so the CLI sees a `file:` label naming the
// same database; the adapter below opens the real one.
if (target.driver === "libsql") {
  const remote = /^\w+:\/\/([^/?]+)/.exec(target.url)?.[1];
  process.env.DATABASE_URL = remote ? `file:${remote}` : target.url;
}

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  migrations: { path: path.join("prisma", "migrations") },
  adapter: async () =>
    target.driver === "better-sqlite3"
      ? new PrismaBetterSQLite3({ url: target.file })
      : new PrismaLibSQL({ url: target.url, ...(target.authToken ? { authToken: target.authToken } : {}) }),
});
