-- Two columns with defaults: added in place (no copy of what may be a large security log).
ALTER TABLE "SecurityEvent" ADD COLUMN "requestId" TEXT NOT NULL DEFAULT '';
ALTER TABLE "SecurityEvent" ADD COLUMN "agentFamily" TEXT NOT NULL DEFAULT '';
