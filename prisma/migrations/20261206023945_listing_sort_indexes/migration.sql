-- DropIndex
DROP INDEX "Product_tenantId_minPriceMinor_idx";

-- DropIndex
DROP INDEX "Product_tenantId_status_categoryId_idx";

-- CreateIndex
CREATE INDEX "Product_tenantId_status_categoryId_featured_createdAt_id_idx" ON "Product"("tenantId", "status", "categoryId", "featured", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Product_tenantId_status_categoryId_createdAt_id_idx" ON "Product"("tenantId", "status", "categoryId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Product_tenantId_status_categoryId_minPriceMinor_id_idx" ON "Product"("tenantId", "status", "categoryId", "minPriceMinor", "id");

-- CreateIndex
CREATE INDEX "Product_tenantId_status_featured_createdAt_id_idx" ON "Product"("tenantId", "status", "featured", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Product_tenantId_status_createdAt_id_idx" ON "Product"("tenantId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "Product_tenantId_status_minPriceMinor_id_idx" ON "Product"("tenantId", "status", "minPriceMinor", "id");

