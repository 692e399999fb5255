-- AlterTable
ALTER TABLE "User" ADD COLUMN "storeRole" TEXT;
ALTER TABLE "User" ADD COLUMN "teamJoinedAt" DATETIME;

-- Every merchant so far ran their store alone: they become its owners, so no store is left
-- without someone who can run its team.
UPDATE "User" SET "storeRole" = 'OWNER', "teamJoinedAt" = "createdAt" WHERE "role" = 'MERCHANT';

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OneTimeToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "userId" TEXT,
    "purpose" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "email" TEXT,
    "storeRole" TEXT,
    "invitedById" TEXT,
    "revokedAt" DATETIME,
    CONSTRAINT "OneTimeToken_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OneTimeToken_userId_tenantId_fkey" FOREIGN KEY ("userId", "tenantId") REFERENCES "User" ("id", "tenantId") ON DELETE CASCADE ON UPDATE RESTRICT
);
INSERT INTO "new_OneTimeToken" ("createdAt", "expiresAt", "id", "purpose", "tenantId", "tokenHash", "usedAt", "userId") SELECT "createdAt", "expiresAt", "id", "purpose", "tenantId", "tokenHash", "usedAt", "userId" FROM "OneTimeToken";
DROP TABLE "OneTimeToken";
ALTER TABLE "new_OneTimeToken" RENAME TO "OneTimeToken";
CREATE UNIQUE INDEX "OneTimeToken_tokenHash_key" ON "OneTimeToken"("tokenHash");
CREATE INDEX "OneTimeToken_userId_purpose_idx" ON "OneTimeToken"("userId", "purpose");
CREATE INDEX "OneTimeToken_tenantId_purpose_email_idx" ON "OneTimeToken"("tenantId", "purpose", "email");
CREATE UNIQUE INDEX "OneTimeToken_id_tenantId_key" ON "OneTimeToken"("id", "tenantId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

