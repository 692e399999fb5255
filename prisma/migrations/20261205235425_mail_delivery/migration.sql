-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN "mailReplyTo" TEXT;
ALTER TABLE "Tenant" ADD COLUMN "mailSenderName" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_OutboundEmail" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "tenantId" TEXT NOT NULL,
    "to" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "html" TEXT NOT NULL DEFAULT '',
    "status" TEXT NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "claimedBy" TEXT,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "sentAt" DATETIME,
    "deadAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboundEmail_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_OutboundEmail" ("createdAt", "id", "subject", "tenantId", "text", "to") SELECT "createdAt", "id", "subject", "tenantId", "text", "to" FROM "OutboundEmail";
-- Nothing was ever sent before this migration: old rows are kept, dead-lettered and retryable by an
-- administrator, rather than mailed out of the blue with links that have long expired.
UPDATE "new_OutboundEmail" SET "status" = 'DEAD', "deadAt" = CURRENT_TIMESTAMP, "lastError" = 'Queued before mail delivery existed; not sent.';
DROP TABLE "OutboundEmail";
ALTER TABLE "new_OutboundEmail" RENAME TO "OutboundEmail";
CREATE INDEX "OutboundEmail_tenantId_to_createdAt_idx" ON "OutboundEmail"("tenantId", "to", "createdAt");
CREATE INDEX "OutboundEmail_status_nextAttemptAt_idx" ON "OutboundEmail"("status", "nextAttemptAt");
CREATE UNIQUE INDEX "OutboundEmail_id_tenantId_key" ON "OutboundEmail"("id", "tenantId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

