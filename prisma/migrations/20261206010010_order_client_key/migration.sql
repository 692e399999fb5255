-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Order" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "userId" TEXT,
    "email" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "currency" TEXT NOT NULL,
    "subtotalMinor" INTEGER NOT NULL,
    "totalMinor" INTEGER NOT NULL,
    "stripeCheckoutSessionId" TEXT,
    "stripePaymentIntentId" TEXT,
    "sourceCartId" TEXT,
    "lookupTokenHash" TEXT,
    "flaggedReason" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    "paidAt" DATETIME,
    "fulfilledAt" DATETIME,
    "cancelledAt" DATETIME,
    "refundedAt" DATETIME,
    "refundedMinor" INTEGER NOT NULL DEFAULT 0,
    "clientKey" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "Order_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Order_userId_tenantId_fkey" FOREIGN KEY ("userId", "tenantId") REFERENCES "User" ("id", "tenantId") ON DELETE RESTRICT ON UPDATE RESTRICT
);
INSERT INTO "new_Order" ("cancelledAt", "createdAt", "currency", "email", "flaggedReason", "fulfilledAt", "id", "lookupTokenHash", "paidAt", "refundedAt", "refundedMinor", "sourceCartId", "status", "stripeCheckoutSessionId", "stripePaymentIntentId", "subtotalMinor", "tenantId", "totalMinor", "updatedAt", "userId") SELECT "cancelledAt", "createdAt", "currency", "email", "flaggedReason", "fulfilledAt", "id", "lookupTokenHash", "paidAt", "refundedAt", "refundedMinor", "sourceCartId", "status", "stripeCheckoutSessionId", "stripePaymentIntentId", "subtotalMinor", "tenantId", "totalMinor", "updatedAt", "userId" FROM "Order";
DROP TABLE "Order";
ALTER TABLE "new_Order" RENAME TO "Order";
CREATE UNIQUE INDEX "Order_stripeCheckoutSessionId_key" ON "Order"("stripeCheckoutSessionId");
CREATE UNIQUE INDEX "Order_stripePaymentIntentId_key" ON "Order"("stripePaymentIntentId");
CREATE UNIQUE INDEX "Order_lookupTokenHash_key" ON "Order"("lookupTokenHash");
CREATE INDEX "Order_tenantId_userId_idx" ON "Order"("tenantId", "userId");
CREATE INDEX "Order_tenantId_clientKey_status_idx" ON "Order"("tenantId", "clientKey", "status");
CREATE UNIQUE INDEX "Order_id_tenantId_key" ON "Order"("id", "tenantId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

