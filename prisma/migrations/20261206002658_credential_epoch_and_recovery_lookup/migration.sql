-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL DEFAULT '',
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'CUSTOMER',
    "passwordChangedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "emailVerifiedAt" DATETIME,
    "disabledAt" DATETIME,
    "totpSecret" TEXT,
    "totpPendingSecret" TEXT,
    "totpEnabledAt" DATETIME,
    "totpLastStep" INTEGER NOT NULL DEFAULT 0,
    "credentialEpoch" INTEGER NOT NULL DEFAULT 0,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_User" ("createdAt", "disabledAt", "email", "emailVerifiedAt", "id", "name", "passwordChangedAt", "passwordHash", "role", "tenantId", "totpEnabledAt", "totpLastStep", "totpPendingSecret", "totpSecret", "updatedAt") SELECT "createdAt", "disabledAt", "email", "emailVerifiedAt", "id", "name", "passwordChangedAt", "passwordHash", "role", "tenantId", "totpEnabledAt", "totpLastStep", "totpPendingSecret", "totpSecret", "updatedAt" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_id_tenantId_key" ON "User"("id", "tenantId");
CREATE UNIQUE INDEX "User_tenantId_email_key" ON "User"("tenantId", "email");
CREATE TABLE "new_RecoveryCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "lookup" TEXT NOT NULL DEFAULT '',
    "codeHash" TEXT NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RecoveryCode_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "RecoveryCode_userId_tenantId_fkey" FOREIGN KEY ("userId", "tenantId") REFERENCES "User" ("id", "tenantId") ON DELETE CASCADE ON UPDATE RESTRICT
);
INSERT INTO "new_RecoveryCode" ("codeHash", "createdAt", "id", "tenantId", "usedAt", "userId") SELECT "codeHash", "createdAt", "id", "tenantId", "usedAt", "userId" FROM "RecoveryCode";
DROP TABLE "RecoveryCode";
ALTER TABLE "new_RecoveryCode" RENAME TO "RecoveryCode";
CREATE INDEX "RecoveryCode_userId_lookup_idx" ON "RecoveryCode"("userId", "lookup");
CREATE UNIQUE INDEX "RecoveryCode_id_tenantId_key" ON "RecoveryCode"("id", "tenantId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

