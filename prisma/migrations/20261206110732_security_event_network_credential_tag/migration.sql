-- Two columns added in place (no table rebuild: the security log can be large).
ALTER TABLE "SecurityEvent" ADD COLUMN "network" TEXT NOT NULL DEFAULT '';
ALTER TABLE "SecurityEvent" ADD COLUMN "credentialTag" TEXT NOT NULL DEFAULT '';

-- An IPv4 event's network is its /24, so incidents already under way keep their groups.
UPDATE "SecurityEvent" SET "network" = "ipPrefix" WHERE "ipPrefix" LIKE '%/24';
