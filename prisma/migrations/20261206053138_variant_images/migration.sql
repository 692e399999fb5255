-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ProductImage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "alt" TEXT NOT NULL,
    "width" INTEGER NOT NULL DEFAULT 800,
    "height" INTEGER NOT NULL DEFAULT 800,
    "position" INTEGER NOT NULL DEFAULT 0,
    "variantId" TEXT,
    CONSTRAINT "ProductImage_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProductImage_productId_tenantId_fkey" FOREIGN KEY ("productId", "tenantId") REFERENCES "Product" ("id", "tenantId") ON DELETE CASCADE ON UPDATE RESTRICT,
    CONSTRAINT "ProductImage_variantId_tenantId_fkey" FOREIGN KEY ("variantId", "tenantId") REFERENCES "Variant" ("id", "tenantId") ON DELETE CASCADE ON UPDATE RESTRICT
);
INSERT INTO "new_ProductImage" ("alt", "height", "id", "path", "position", "productId", "tenantId", "width") SELECT "alt", "height", "id", "path", "position", "productId", "tenantId", "width" FROM "ProductImage";
DROP TABLE "ProductImage";
ALTER TABLE "new_ProductImage" RENAME TO "ProductImage";
CREATE INDEX "ProductImage_productId_idx" ON "ProductImage"("productId");
CREATE INDEX "ProductImage_variantId_idx" ON "ProductImage"("variantId");
CREATE UNIQUE INDEX "ProductImage_id_tenantId_key" ON "ProductImage"("id", "tenantId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

