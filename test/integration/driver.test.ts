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

  it("runs in WAL mode with the checkpoint policy, on both drivers", async () => {
    const db = await getDb();
    const pragma = async (name: string) => {
      const rows = await db.$queryRawUnsafe<Record<string, unknown>[]>(`PRAGMA ${name}`);
      return Object.values(rows[0] ?? {})[0];
    };
    expect(await pragma("journal_mode")).toBe("wal");
    expect(Number(await pragma("wal_autocheckpoint"))).toBe(1000);
    expect(Number(await pragma("journal_size_limit"))).toBe(64 * 1024 * 1024);
    // A write goes to the WAL, and a checkpoint can copy it back while nothing else reads.
    await db.tenant.updateMany({ where: { slug: "northwind" }, data: { tagline: "Checkpointed." } });
    const [checkpoint] = await db.$queryRawUnsafe<{ busy: number | bigint }[]>("PRAGMA wal_checkpoint(PASSIVE)");
    expect(Number(checkpoint?.busy)).toBe(0);
  });
});
