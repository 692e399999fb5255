-- The platform (administration) tenant is part of every database, not demo data: created here,
-- once. Its host comes from configuration (PLATFORM_HOST), never from a TenantDomain row, so a
-- seeded or leftover row naming it is removed.
INSERT INTO "Tenant" ("id", "slug", "name", "kind", "status", "currency", "tagline", "description", "accentColor", "logoPath", "createdAt", "updatedAt")
SELECT 'platform', 'platform', 'Bulwark Platform', 'PLATFORM', 'ACTIVE', 'USD', '', '', '#334155', NULL, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP
WHERE NOT EXISTS (SELECT 1 FROM "Tenant" WHERE "kind" = 'PLATFORM' OR "slug" = 'platform');

DELETE FROM "TenantDomain" WHERE "tenantId" IN (SELECT "id" FROM "Tenant" WHERE "kind" = 'PLATFORM');
