#!/usr/bin/env node
// Authors a new migration offline. `prisma migrate dev` needs a shadow database that the JS
// schema engine cannot drive once a migration has several statements, so instead: apply the
// existing migrations to a scratch SQLite file, read its schema back, and diff that against the
// edited prisma/schema.prisma. Usage: npm run db:migration -- add-gift-cards
import { execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";

const name = process.argv[2] ?? "";
if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(name)) {
  console.error("Usage: npm run db:migration -- <kebab-case-name>");
  process.exit(2);
}

// Re-introspection keeps our enum types but prints their defaults as strings (@default("DRAFT")),
// which the diff then rejects: turn them back into enum defaults.
function fixEnumDefaults(schema) {
  const enums = new Set([...schema.matchAll(/^enum (\w+) /gm)].map((m) => m[1]));
  return schema.replace(/^([ \t]+\w+[ \t]+(\w+)\??[ \t].*@default\()"(\w+)"\)/gm, (line, head, type, value) =>
    enums.has(type) ? `${head}${value})` : line,
  );
}

// Virtual tables (the FTS5 product search index) and their shadow tables live in hand-written
// migrations; Prisma cannot model them and would otherwise write a migration dropping them.
function withoutVirtualTables(schema, file) {
  const db = new Database(file, { readonly: true });
  const virtual = db
    .prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'")
    .all()
    .map((row) => row.name);
  db.close();
  const owned = (model) => virtual.some((name) => model === name || model.startsWith(`${name}_`));
  return schema.replace(/^(?:\/\/\/.*\n)*model (\w+) \{[\s\S]*?^\}\n?/gm, (block, model) =>
    owned(model) ? "" : block,
  );
}

const scratch = mkdtempSync(path.join(tmpdir(), "bulwark-migration-"));
const prisma = (args, env = {}) =>
  execFileSync("npx", ["prisma", ...args], {
    encoding: "utf8",
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });

try {
  const url = `file:${path.join(scratch, "scratch.db")}`;
  prisma(["migrate", "deploy"], { DATABASE_URL: url });
  // The CLI prints a driver-adapter warning before the schema: keep from the first block on.
  const pulled = prisma(["db", "pull", "--print"], { DATABASE_URL: url });
  const start = pulled.search(/^(generator|datasource|model|enum) /m);
  const current = withoutVirtualTables(
    fixEnumDefaults(start >= 0 ? pulled.slice(start) : pulled),
    path.join(scratch, "scratch.db"),
  );
  const currentPath = path.join(scratch, "current.prisma");
  writeFileSync(currentPath, current);
  const sql = prisma(
    [
      "migrate",
      "diff",
      "--from-schema-datamodel",
      currentPath,
      "--to-schema-datamodel",
      "prisma/schema.prisma",
      "--script",
      // The config's adapter opens DATABASE_URL even for a diff of two files: point it at the scratch
      // database, so a checkout without data/ can author a migration too.
    ],
    { DATABASE_URL: url },
  );
  if (!/^\s*(CREATE|ALTER|DROP|INSERT|PRAGMA|UPDATE)/im.test(sql)) {
    console.log("prisma/schema.prisma matches the migrations: nothing to write.");
    process.exitCode = 0;
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
    const dir = path.join("prisma", "migrations", `${stamp}_${name.replace(/-/g, "_")}`);
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, "migration.sql"), sql);
    console.log(`Wrote ${dir}/migration.sql — read it, then run npm run db:reset.`);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
