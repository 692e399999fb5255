-- CreateTable
CREATE TABLE "OrderEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "amountMinor" INTEGER,
    "actorEmail" TEXT,
    "details" TEXT NOT NULL DEFAULT '{}',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OrderEvent_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrderEvent_orderId_tenantId_fkey" FOREIGN KEY ("orderId", "tenantId") REFERENCES "Order" ("id", "tenantId") ON DELETE CASCADE ON UPDATE RESTRICT
);

-- AlterTable: new columns only (SQLite adds them in place)
ALTER TABLE "Order" ADD COLUMN "refundPendingMinor" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Order" ADD COLUMN "carrier" TEXT;
ALTER TABLE "Order" ADD COLUMN "carrierName" TEXT;
ALTER TABLE "Order" ADD COLUMN "trackingNumber" TEXT;

-- CreateIndex
CREATE INDEX "OrderEvent_orderId_createdAt_idx" ON "OrderEvent"("orderId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "OrderEvent_id_tenantId_key" ON "OrderEvent"("id", "tenantId");

