-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OneTimeToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OneTimeToken_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OneTimeToken_userId_tenantId_fkey" FOREIGN KEY ("userId", "tenantId") REFERENCES "User" ("id", "tenantId") ON DELETE CASCADE ON UPDATE RESTRICT
);
INSERT INTO "new_OneTimeToken" ("createdAt", "expiresAt", "id", "purpose", "tenantId", "tokenHash", "usedAt", "userId") SELECT "createdAt", "expiresAt", "id", "purpose", "tenantId", "tokenHash", "usedAt", "userId" FROM "OneTimeToken";
DROP TABLE "OneTimeToken";
ALTER TABLE "new_OneTimeToken" RENAME TO "OneTimeToken";
CREATE UNIQUE INDEX "OneTimeToken_tokenHash_key" ON "OneTimeToken"("tokenHash");
CREATE INDEX "OneTimeToken_userId_purpose_idx" ON "OneTimeToken"("userId", "purpose");
CREATE UNIQUE INDEX "OneTimeToken_id_tenantId_key" ON "OneTimeToken"("id", "tenantId");
CREATE TABLE "new_SessionFamily" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "revokedReason" TEXT,
    "userAgent" TEXT NOT NULL DEFAULT '',
    "ip" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "SessionFamily_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SessionFamily_userId_tenantId_fkey" FOREIGN KEY ("userId", "tenantId") REFERENCES "User" ("id", "tenantId") ON DELETE CASCADE ON UPDATE RESTRICT
);
INSERT INTO "new_SessionFamily" ("createdAt", "expiresAt", "id", "ip", "lastSeenAt", "revokedAt", "revokedReason", "tenantId", "userAgent", "userId") SELECT "createdAt", "expiresAt", "id", "ip", "lastSeenAt", "revokedAt", "revokedReason", "tenantId", "userAgent", "userId" FROM "SessionFamily";
DROP TABLE "SessionFamily";
ALTER TABLE "new_SessionFamily" RENAME TO "SessionFamily";
CREATE INDEX "SessionFamily_userId_idx" ON "SessionFamily"("userId");
CREATE UNIQUE INDEX "SessionFamily_id_tenantId_key" ON "SessionFamily"("id", "tenantId");
CREATE TABLE "new_RefreshToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "familyId" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "rotatedAt" DATETIME,
    "revokedAt" DATETIME,
    "replacedById" TEXT,
    CONSTRAINT "RefreshToken_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RefreshToken_familyId_tenantId_fkey" FOREIGN KEY ("familyId", "tenantId") REFERENCES "SessionFamily" ("id", "tenantId") ON DELETE CASCADE ON UPDATE RESTRICT
);
INSERT INTO "new_RefreshToken" ("createdAt", "expiresAt", "familyId", "id", "replacedById", "revokedAt", "rotatedAt", "tenantId", "tokenHash") SELECT "createdAt", "expiresAt", "familyId", "id", "replacedById", "revokedAt", "rotatedAt", "tenantId", "tokenHash" FROM "RefreshToken";
DROP TABLE "RefreshToken";
ALTER TABLE "new_RefreshToken" RENAME TO "RefreshToken";
CREATE UNIQUE INDEX "RefreshToken_tokenHash_key" ON "RefreshToken"("tokenHash");
CREATE INDEX "RefreshToken_familyId_idx" ON "RefreshToken"("familyId");
CREATE UNIQUE INDEX "RefreshToken_id_tenantId_key" ON "RefreshToken"("id", "tenantId");
CREATE TABLE "new_Product" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "categoryId" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'DRAFT',
    "featured" BOOLEAN NOT NULL DEFAULT false,
    "minPriceMinor" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Product_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Product_categoryId_tenantId_fkey" FOREIGN KEY ("categoryId", "tenantId") REFERENCES "Category" ("id", "tenantId") ON DELETE RESTRICT ON UPDATE RESTRICT
);
INSERT INTO "new_Product" ("categoryId", "createdAt", "description", "featured", "id", "minPriceMinor", "slug", "status", "tenantId", "title", "updatedAt") SELECT "categoryId", "createdAt", "description", "featured", "id", "minPriceMinor", "slug", "status", "tenantId", "title", "updatedAt" FROM "Product";
DROP TABLE "Product";
ALTER TABLE "new_Product" RENAME TO "Product";
CREATE INDEX "Product_tenantId_status_categoryId_idx" ON "Product"("tenantId", "status", "categoryId");
CREATE INDEX "Product_tenantId_minPriceMinor_idx" ON "Product"("tenantId", "minPriceMinor");
CREATE UNIQUE INDEX "Product_id_tenantId_key" ON "Product"("id", "tenantId");
CREATE UNIQUE INDEX "Product_tenantId_slug_key" ON "Product"("tenantId", "slug");
CREATE TABLE "new_Variant" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "size" TEXT,
    "color" TEXT,
    "priceMinor" INTEGER NOT NULL,
    "stock" INTEGER NOT NULL DEFAULT 0,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Variant_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Variant_productId_tenantId_fkey" FOREIGN KEY ("productId", "tenantId") REFERENCES "Product" ("id", "tenantId") ON DELETE CASCADE ON UPDATE RESTRICT
);
INSERT INTO "new_Variant" ("color", "createdAt", "id", "position", "priceMinor", "productId", "size", "sku", "stock", "tenantId", "title", "updatedAt") SELECT "color", "createdAt", "id", "position", "priceMinor", "productId", "size", "sku", "stock", "tenantId", "title", "updatedAt" FROM "Variant";
DROP TABLE "Variant";
ALTER TABLE "new_Variant" RENAME TO "Variant";
CREATE INDEX "Variant_productId_idx" ON "Variant"("productId");
CREATE UNIQUE INDEX "Variant_id_tenantId_key" ON "Variant"("id", "tenantId");
CREATE UNIQUE INDEX "Variant_tenantId_sku_key" ON "Variant"("tenantId", "sku");
CREATE TABLE "new_ProductImage" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "productId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "alt" TEXT NOT NULL,
    "width" INTEGER NOT NULL DEFAULT 800,
    "height" INTEGER NOT NULL DEFAULT 800,
    "position" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "ProductImage_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ProductImage_productId_tenantId_fkey" FOREIGN KEY ("productId", "tenantId") REFERENCES "Product" ("id", "tenantId") ON DELETE CASCADE ON UPDATE RESTRICT
);
INSERT INTO "new_ProductImage" ("alt", "height", "id", "path", "position", "productId", "tenantId", "width") SELECT "alt", "height", "id", "path", "position", "productId", "tenantId", "width" FROM "ProductImage";
DROP TABLE "ProductImage";
ALTER TABLE "new_ProductImage" RENAME TO "ProductImage";
CREATE INDEX "ProductImage_productId_idx" ON "ProductImage"("productId");
CREATE UNIQUE INDEX "ProductImage_id_tenantId_key" ON "ProductImage"("id", "tenantId");
CREATE TABLE "new_Cart" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "guestTokenHash" TEXT,
    "userId" TEXT,
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Cart_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Cart_userId_tenantId_fkey" FOREIGN KEY ("userId", "tenantId") REFERENCES "User" ("id", "tenantId") ON DELETE CASCADE ON UPDATE RESTRICT
);
INSERT INTO "new_Cart" ("createdAt", "expiresAt", "guestTokenHash", "id", "tenantId", "updatedAt", "userId") SELECT "createdAt", "expiresAt", "guestTokenHash", "id", "tenantId", "updatedAt", "userId" FROM "Cart";
DROP TABLE "Cart";
ALTER TABLE "new_Cart" RENAME TO "Cart";
CREATE UNIQUE INDEX "Cart_guestTokenHash_key" ON "Cart"("guestTokenHash");
CREATE INDEX "Cart_userId_idx" ON "Cart"("userId");
CREATE UNIQUE INDEX "Cart_id_tenantId_key" ON "Cart"("id", "tenantId");
CREATE TABLE "new_CartItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "cartId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CartItem_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CartItem_cartId_tenantId_fkey" FOREIGN KEY ("cartId", "tenantId") REFERENCES "Cart" ("id", "tenantId") ON DELETE CASCADE ON UPDATE RESTRICT,
    CONSTRAINT "CartItem_variantId_tenantId_fkey" FOREIGN KEY ("variantId", "tenantId") REFERENCES "Variant" ("id", "tenantId") ON DELETE CASCADE ON UPDATE RESTRICT
);
INSERT INTO "new_CartItem" ("cartId", "createdAt", "id", "quantity", "tenantId", "variantId") SELECT "cartId", "createdAt", "id", "quantity", "tenantId", "variantId" FROM "CartItem";
DROP TABLE "CartItem";
ALTER TABLE "new_CartItem" RENAME TO "CartItem";
CREATE UNIQUE INDEX "CartItem_id_tenantId_key" ON "CartItem"("id", "tenantId");
CREATE UNIQUE INDEX "CartItem_cartId_variantId_key" ON "CartItem"("cartId", "variantId");
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
    CONSTRAINT "Order_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Order_userId_tenantId_fkey" FOREIGN KEY ("userId", "tenantId") REFERENCES "User" ("id", "tenantId") ON DELETE RESTRICT ON UPDATE RESTRICT
);
INSERT INTO "new_Order" ("cancelledAt", "createdAt", "currency", "email", "flaggedReason", "fulfilledAt", "id", "lookupTokenHash", "paidAt", "refundedAt", "sourceCartId", "status", "stripeCheckoutSessionId", "stripePaymentIntentId", "subtotalMinor", "tenantId", "totalMinor", "updatedAt", "userId") SELECT "cancelledAt", "createdAt", "currency", "email", "flaggedReason", "fulfilledAt", "id", "lookupTokenHash", "paidAt", "refundedAt", "sourceCartId", "status", "stripeCheckoutSessionId", "stripePaymentIntentId", "subtotalMinor", "tenantId", "totalMinor", "updatedAt", "userId" FROM "Order";
DROP TABLE "Order";
ALTER TABLE "new_Order" RENAME TO "Order";
CREATE UNIQUE INDEX "Order_stripeCheckoutSessionId_key" ON "Order"("stripeCheckoutSessionId");
CREATE UNIQUE INDEX "Order_stripePaymentIntentId_key" ON "Order"("stripePaymentIntentId");
CREATE UNIQUE INDEX "Order_lookupTokenHash_key" ON "Order"("lookupTokenHash");
CREATE INDEX "Order_tenantId_userId_idx" ON "Order"("tenantId", "userId");
CREATE UNIQUE INDEX "Order_id_tenantId_key" ON "Order"("id", "tenantId");
CREATE TABLE "new_OrderItem" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "productTitle" TEXT NOT NULL,
    "variantTitle" TEXT NOT NULL,
    "sku" TEXT NOT NULL,
    "unitPriceMinor" INTEGER NOT NULL,
    "quantity" INTEGER NOT NULL,
    CONSTRAINT "OrderItem_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrderItem_orderId_tenantId_fkey" FOREIGN KEY ("orderId", "tenantId") REFERENCES "Order" ("id", "tenantId") ON DELETE CASCADE ON UPDATE RESTRICT,
    CONSTRAINT "OrderItem_variantId_tenantId_fkey" FOREIGN KEY ("variantId", "tenantId") REFERENCES "Variant" ("id", "tenantId") ON DELETE RESTRICT ON UPDATE RESTRICT
);
INSERT INTO "new_OrderItem" ("id", "orderId", "productTitle", "quantity", "sku", "tenantId", "unitPriceMinor", "variantId", "variantTitle") SELECT "id", "orderId", "productTitle", "quantity", "sku", "tenantId", "unitPriceMinor", "variantId", "variantTitle" FROM "OrderItem";
DROP TABLE "OrderItem";
ALTER TABLE "new_OrderItem" RENAME TO "OrderItem";
CREATE INDEX "OrderItem_orderId_idx" ON "OrderItem"("orderId");
CREATE UNIQUE INDEX "OrderItem_id_tenantId_key" ON "OrderItem"("id", "tenantId");
CREATE TABLE "new_StockReservation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "orderId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'HELD',
    "expiresAt" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "StockReservation_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "StockReservation_orderId_tenantId_fkey" FOREIGN KEY ("orderId", "tenantId") REFERENCES "Order" ("id", "tenantId") ON DELETE CASCADE ON UPDATE RESTRICT,
    CONSTRAINT "StockReservation_variantId_tenantId_fkey" FOREIGN KEY ("variantId", "tenantId") REFERENCES "Variant" ("id", "tenantId") ON DELETE RESTRICT ON UPDATE RESTRICT
);
INSERT INTO "new_StockReservation" ("createdAt", "expiresAt", "id", "orderId", "quantity", "status", "tenantId", "updatedAt", "variantId") SELECT "createdAt", "expiresAt", "id", "orderId", "quantity", "status", "tenantId", "updatedAt", "variantId" FROM "StockReservation";
DROP TABLE "StockReservation";
ALTER TABLE "new_StockReservation" RENAME TO "StockReservation";
CREATE INDEX "StockReservation_status_expiresAt_idx" ON "StockReservation"("status", "expiresAt");
CREATE UNIQUE INDEX "StockReservation_id_tenantId_key" ON "StockReservation"("id", "tenantId");
CREATE UNIQUE INDEX "StockReservation_orderId_variantId_key" ON "StockReservation"("orderId", "variantId");
CREATE TABLE "new_InventoryAdjustment" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "variantId" TEXT NOT NULL,
    "delta" INTEGER NOT NULL,
    "stockAfter" INTEGER NOT NULL,
    "reason" TEXT NOT NULL,
    "actorEmail" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "InventoryAdjustment_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "InventoryAdjustment_variantId_tenantId_fkey" FOREIGN KEY ("variantId", "tenantId") REFERENCES "Variant" ("id", "tenantId") ON DELETE CASCADE ON UPDATE RESTRICT
);
INSERT INTO "new_InventoryAdjustment" ("actorEmail", "createdAt", "delta", "id", "reason", "stockAfter", "tenantId", "variantId") SELECT "actorEmail", "createdAt", "delta", "id", "reason", "stockAfter", "tenantId", "variantId" FROM "InventoryAdjustment";
DROP TABLE "InventoryAdjustment";
ALTER TABLE "new_InventoryAdjustment" RENAME TO "InventoryAdjustment";
CREATE INDEX "InventoryAdjustment_variantId_idx" ON "InventoryAdjustment"("variantId");
CREATE UNIQUE INDEX "InventoryAdjustment_id_tenantId_key" ON "InventoryAdjustment"("id", "tenantId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

