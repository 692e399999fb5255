-- CreateTable
CREATE TABLE "SecurityBlock" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "scope" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "classes" TEXT NOT NULL,
    "rule" TEXT NOT NULL,
    "alertId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" DATETIME NOT NULL,
    "liftedAt" DATETIME,
    "liftedBy" TEXT
);

-- CreateIndex
CREATE INDEX "SecurityBlock_expiresAt_idx" ON "SecurityBlock"("expiresAt");

