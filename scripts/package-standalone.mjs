#!/usr/bin/env node
// `npm run package`: turns the last production build into a directory that runs on its own, with
// no checkout and no `npm ci`: `cd dist/bulwark && node scripts/launch.mjs start` (or `npm start`).
// It holds Next.js's standalone output (the server code and only the node_modules files it
// traced), the build's static files, public/, our launcher and server (which record the client's
// address, decision 005), the migrations and the Prisma CLI that applies them on start.
// Usage: node scripts/package-standalone.mjs [--dist-dir .next] [--out dist/bulwark]
import { cpSync, existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(import.meta.dirname, "..");

/** What the launcher and the Prisma CLI need beside the standalone server. */
const RUNTIME_FILES = [
  "scripts/launch.mjs",
  "scripts/prepare-db.mjs",
  "scripts/migrate-database.mjs",
  "scripts/expected-warnings.mjs",
  "scripts/server.mjs",
  "prisma/schema.prisma",
  "prisma/migrations",
  "prisma.config.ts",
  "lib/db/database-url.ts",
  "public",
];

/** What `prisma migrate deploy` loads: the CLI and what prisma.config.ts imports. */
const CLI_PACKAGES = ["prisma", "@prisma/adapter-better-sqlite3", "@prisma/adapter-libsql"];

/** A package and everything it depends on, as installed at the top of node_modules. */
function dependencyClosure(name, seen = new Set()) {
  if (seen.has(name)) return seen;
  const manifest = path.join(root, "node_modules", name, "package.json");
  if (!existsSync(manifest)) throw new Error(`${name} is not installed: run npm ci first`);
  seen.add(name);
  const { dependencies = {} } = JSON.parse(readFileSync(manifest, "utf8"));
  for (const dependency of Object.keys(dependencies)) dependencyClosure(dependency, seen);
  return seen;
}

export function packageStandalone({ distDir = process.env.NEXT_DIST_DIR || ".next", out = "dist/bulwark" } = {}) {
  const build = path.resolve(root, distDir);
  const standalone = path.join(build, "standalone");
  if (!existsSync(path.join(standalone, "server.js"))) {
    throw new Error(`No standalone output in ${distDir}: run npm run build first`);
  }
  const target = path.resolve(root, out);
  rmSync(target, { recursive: true, force: true });
  cpSync(standalone, target, { recursive: true });
  // Next.js's own entry point would start without our server in front (no peer address).
  rmSync(path.join(target, "server.js"));
  cpSync(path.join(build, "static"), path.join(target, distDir, "static"), { recursive: true });
  for (const file of RUNTIME_FILES) cpSync(path.join(root, file), path.join(target, file), { recursive: true });
  // The Prisma CLI, the adapters prisma.config.ts opens the database with, and their dependencies,
  // whole: the trace holds only what the app itself loads, and keeps some of it under the build.
  const cli = new Set();
  for (const name of CLI_PACKAGES) dependencyClosure(name, cli);
  for (const name of cli) {
    cpSync(path.join(root, "node_modules", name), path.join(target, "node_modules", name), {
      recursive: true,
      dereference: true,
    });
  }
  // The configuration the build resolved, as Next.js's standalone server embeds it: there is no
  // next.config.ts to compile at start (scripts/server.mjs reads it).
  const { config } = JSON.parse(readFileSync(path.join(build, "required-server-files.json"), "utf8"));
  writeFileSync(path.join(target, "next-config.json"), JSON.stringify(config));
  return target;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const option = (name, fallback) => {
    const index = process.argv.indexOf(name);
    return index === -1 ? fallback : process.argv[index + 1];
  };
  const target = packageStandalone({ distDir: option("--dist-dir", undefined), out: option("--out", undefined) });
  console.log(`Packaged ${path.relative(process.cwd(), target)}: start it with`);
  console.log(`  cd ${path.relative(process.cwd(), target)} && node scripts/launch.mjs start`);
}
