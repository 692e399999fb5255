import { describe, expect, inject, it } from "vitest";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import { getDb } from "../support/db";

// Runs in both Vitest projects (vitest.config.ts): proves the libSQL project really exercises the
// libSQL adapter rather than falling back to better-sqlite3.
describe("the database driver under test", () => {
  it("is the adapter that DATABASE_URL's scheme names, with foreign keys enforced", async () => {
    const url = process.env.DATABASE_URL!;
    expect(url.startsWith(inject("databaseScheme"))).toBe(true);
    const expected = {
      "better-sqlite3": "@prisma/adapter-better-sqlite3",
      libsql: "@prisma/adapter-libsql",
    }[resolveDatabaseTarget(url).driver];
    const db = await getDb();
    // Prisma keeps the adapter on a private field; reading it is the only direct evidence.
    const adapter = (db as unknown as { _engineConfig: { adapter: { adapterName: string } } })._engineConfig.adapter;
    expect(adapter.adapterName).toBe(expected);
    const rows = await db.$queryRawUnsafe<Array<{ foreign_keys: number | bigint }>>("PRAGMA foreign_keys");
    expect(Number(rows[0]?.foreign_keys)).toBe(1);
  });
});
