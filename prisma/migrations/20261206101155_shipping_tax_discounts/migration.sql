-- CreateTable
CREATE TABLE "ShippingRate" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "amountMinor" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "minDays" INTEGER,
    "maxDays" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "stripeShippingRateId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ShippingRate_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DiscountCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "code" TEXT NOT NULL,
    "percentOff" INTEGER,
    "amountOffMinor" INTEGER,
    "currency" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "expiresAt" DATETIME,
    "stripeCouponId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "DiscountCode_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Tenant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kind" TEXT NOT NULL DEFAULT 'STORE',
    "status" TEXT NOT NULL DEFAULT 'ACTIVE',
    "currency" TEXT NOT NULL DEFAULT 'USD',
    "tagline" TEXT NOT NULL DEFAULT '',
    "description" TEXT NOT NULL DEFAULT '',
    "accentColor" TEXT NOT NULL DEFAULT '#1d4ed8',
    "logoPath" TEXT,
    "locale" TEXT NOT NULL DEFAULT 'en-US',
    "shippingPolicy" TEXT NOT NULL DEFAULT '',
    "returnsPolicy" TEXT NOT NULL DEFAULT '',
    "privacyPolicy" TEXT NOT NULL DEFAULT '',
    "mailSenderName" TEXT,
    "mailReplyTo" TEXT,
    "shipsTo" TEXT NOT NULL DEFAULT '',
    "automaticTax" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Tenant" ("accentColor", "createdAt", "currency", "description", "id", "kind", "locale", "logoPath", "mailReplyTo", "mailSenderName", "name", "privacyPolicy", "returnsPolicy", "shippingPolicy", "slug", "status", "tagline", "updatedAt") SELECT "accentColor", "createdAt", "currency", "description", "id", "kind", "locale", "logoPath", "mailReplyTo", "mailSenderName", "name", "privacyPolicy", "returnsPolicy", "shippingPolicy", "slug", "status", "tagline", "updatedAt" FROM "Tenant";
DROP TABLE "Tenant";
ALTER TABLE "new_Tenant" RENAME TO "Tenant";
CREATE UNIQUE INDEX "Tenant_slug_key" ON "Tenant"("slug");
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
    "refundPendingMinor" INTEGER NOT NULL DEFAULT 0,
    "carrier" TEXT,
    "carrierName" TEXT,
    "trackingNumber" TEXT,
    "shippingAddress" TEXT,
    "shippingPhone" TEXT,
    "shippingMethod" TEXT,
    "shippingRateId" TEXT,
    "shippingMinor" INTEGER NOT NULL DEFAULT 0,
    "taxMinor" INTEGER NOT NULL DEFAULT 0,
    "shippingTaxMinor" INTEGER NOT NULL DEFAULT 0,
    "discountMinor" INTEGER NOT NULL DEFAULT 0,
    "discountCodeId" TEXT,
    "discountCode" TEXT,
    "automaticTax" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "Order_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Order_userId_tenantId_fkey" FOREIGN KEY ("userId", "tenantId") REFERENCES "User" ("id", "tenantId") ON DELETE RESTRICT ON UPDATE RESTRICT,
    CONSTRAINT "Order_shippingRateId_tenantId_fkey" FOREIGN KEY ("shippingRateId", "tenantId") REFERENCES "ShippingRate" ("id", "tenantId") ON DELETE RESTRICT ON UPDATE RESTRICT,
    CONSTRAINT "Order_discountCodeId_tenantId_fkey" FOREIGN KEY ("discountCodeId", "tenantId") REFERENCES "DiscountCode" ("id", "tenantId") ON DELETE RESTRICT ON UPDATE RESTRICT
);
INSERT INTO "new_Order" ("cancelledAt", "carrier", "carrierName", "clientKey", "createdAt", "currency", "email", "flaggedReason", "fulfilledAt", "id", "lookupTokenHash", "paidAt", "refundPendingMinor", "refundedAt", "refundedMinor", "sourceCartId", "status", "stripeCheckoutSessionId", "stripePaymentIntentId", "subtotalMinor", "tenantId", "totalMinor", "trackingNumber", "updatedAt", "userId") SELECT "cancelledAt", "carrier", "carrierName", "clientKey", "createdAt", "currency", "email", "flaggedReason", "fulfilledAt", "id", "lookupTokenHash", "paidAt", "refundPendingMinor", "refundedAt", "refundedMinor", "sourceCartId", "status", "stripeCheckoutSessionId", "stripePaymentIntentId", "subtotalMinor", "tenantId", "totalMinor", "trackingNumber", "updatedAt", "userId" FROM "Order";
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

-- CreateIndex
CREATE UNIQUE INDEX "ShippingRate_stripeShippingRateId_key" ON "ShippingRate"("stripeShippingRateId");

-- CreateIndex
CREATE INDEX "ShippingRate_tenantId_active_idx" ON "ShippingRate"("tenantId", "active");

-- CreateIndex
CREATE UNIQUE INDEX "ShippingRate_id_tenantId_key" ON "ShippingRate"("id", "tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "DiscountCode_stripeCouponId_key" ON "DiscountCode"("stripeCouponId");

-- CreateIndex
CREATE UNIQUE INDEX "DiscountCode_id_tenantId_key" ON "DiscountCode"("id", "tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "DiscountCode_tenantId_code_key" ON "DiscountCode"("tenantId", "code");

