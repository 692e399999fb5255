import { copyFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { assertForeignKeysEnforced, createDbClient } from "@/lib/db/create-client";
import { seedDemoData } from "@/prisma/seed-demo-data";
import { getDb } from "../support/db";

const copies: string[] = [];
afterAll(() => copies.forEach((file) => rmSync(file, { force: true })));

describe("seed", () => {
  it("is idempotent: a second run changes no counts", async () => {
    const db = await getDb();
    const count = async () =>
      Promise.all([
        db.tenant.count(),
        db.tenantDomain.count(),
        db.category.count(),
        db.product.count(),
        db.variant.count(),
        db.productImage.count(),
        db.user.count(),
      ]);
    const before = await count();
    await seedDemoData(db);
    expect(await count()).toEqual(before);
  });
});

describe("libSQL adapter", () => {
  it("serves the same migrated database through @prisma/adapter-libsql with foreign keys on", async () => {
    const file = path.join(tmpdir(), `bulwark-libsql-${process.pid}.db`);
    copyFileSync(inject("baseDatabase"), file);
    copies.push(file);
    const db = createDbClient(`libsql+file:${file}`);
    try {
      await assertForeignKeysEnforced(db);
      const tenant = await db.tenant.findUniqueOrThrow({ where: { slug: "lumen" } });
      expect(await db.product.count({ where: { tenantId: tenant.id } })).toBeGreaterThanOrEqual(30);
      await expect(
        db.variant.create({
          data: { tenantId: tenant.id, productId: "does-not-exist", sku: "L-X", title: "x", priceMinor: 1 },
        }),
      ).rejects.toThrow();
    } finally {
      await db.$disconnect();
    }
  });
});
