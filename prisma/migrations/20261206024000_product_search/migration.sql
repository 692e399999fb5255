-- Full-text search over products (issue 14): an FTS5 index kept by triggers, so every write to
-- Product (the console, the seed, raw SQL) keeps it current. It stores its own copy of the text
-- with the product's id and store, rather than pointing at Product's rowid: a VACUUM may renumber
-- the rowids of a table with a text primary key. Prisma does not model virtual tables; the
-- migration tooling leaves this table and its shadow tables alone (scripts/new-migration.mjs).
-- A later migration that redefines "Product" (drop, re-create, rename) drops these triggers with
-- the old table and must create them again.

CREATE VIRTUAL TABLE "ProductSearch" USING fts5(
    "productId" UNINDEXED,
    "tenantId" UNINDEXED,
    "title",
    "description",
    tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO "ProductSearch" ("productId", "tenantId", "title", "description")
SELECT "id", "tenantId", "title", "description" FROM "Product";

CREATE TRIGGER "Product_search_insert" AFTER INSERT ON "Product" BEGIN
    INSERT INTO "ProductSearch" ("productId", "tenantId", "title", "description")
    VALUES (NEW."id", NEW."tenantId", NEW."title", NEW."description");
END;

CREATE TRIGGER "Product_search_delete" AFTER DELETE ON "Product" BEGIN
    DELETE FROM "ProductSearch" WHERE "productId" = OLD."id";
END;

CREATE TRIGGER "Product_search_update" AFTER UPDATE OF "id", "tenantId", "title", "description" ON "Product" BEGIN
    DELETE FROM "ProductSearch" WHERE "productId" = OLD."id";
    INSERT INTO "ProductSearch" ("productId", "tenantId", "title", "description")
    VALUES (NEW."id", NEW."tenantId", NEW."title", NEW."description");
END;
