import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { edgeConfigShape } from "@/lib/env/edge-config";
import { SERVER_CONFIG_KEYS } from "@/lib/env/server-config";

// Issue 11, item 4: one schema for every variable the server and the middleware read, and the
// README's configuration table checked against it.

const root = path.resolve(import.meta.dirname, "../..");
const readme = readFileSync(path.join(root, "README.md"), "utf8");
const configurationSection = readme.slice(readme.indexOf("## Configuration"), readme.indexOf("## Database tasks"));
const documented = new Set(
  [...configurationSection.matchAll(/^\| (`[A-Z0-9_]+`(?:, `[A-Z0-9_]+`)*)/gm)].flatMap((m) =>
    [...m[1]!.matchAll(/`([A-Z0-9_]+)`/g)].map((name) => name[1]!),
  ),
);

/** Read by tooling (tests, scripts), not by the application: documented, not in the schema. */
const TOOLING = [
  "PLAYWRIGHT_CHROMIUM_EXECUTABLE_PATH",
  "E2E_PORT",
  "BULWARK_INSTALL_PREREQUISITES",
  "NEXT_DIST_DIR",
  "STRIPE_EMULATOR_PORT",
  "STRIPE_EMULATOR_WEBHOOK_URL",
  "AUTH_TRUST_HOST",
  "E2E_SERVER_PORT",
  "E2E_DB",
  "E2E_UPSTASH_PORT",
  "E2E_UPSTASH_TOKEN",
  "E2E_WEBHOOK_SECRET",
  "E2E_SMTP_PORT",
  "E2E_SMTP_PASSWORD",
  "E2E_MAILBOX_PORT",
  "E2E_SUBSET",
  "ATTACK_SIM_ADMIN_EMAIL",
  "ATTACK_SIM_ADMIN_PASSWORD",
  "ATTACK_SIM_ADMIN_OTP",
  "ATTACK_SIM_SCALE",
  "ATTACK_SIM_WITH_SQLMAP",
];
/**
 * The machine's own, and what we hand to Next.js for it to read (a packaged build's resolved
 * configuration, as Next.js's own standalone server hands it over): not ours to document.
 */
const SYSTEM = ["PATH", "CI", "HOSTNAME", "__NEXT_PRIVATE_STANDALONE_CONFIG"];

function sourceFiles(): string[] {
  const files = ["middleware.ts", "instrumentation.ts"];
  for (const dir of ["app", "lib"])
    for (const entry of readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true }))
      if (entry.isFile() && /\.(ts|tsx)$/.test(entry.name) && !entry.parentPath.includes("generated"))
        files.push(path.relative(root, path.join(entry.parentPath, entry.name)));
  return files;
}

describe("configuration", () => {
  it("the edge schema is part of the server schema", () => {
    expect(SERVER_CONFIG_KEYS).toEqual(expect.arrayContaining(Object.keys(edgeConfigShape)));
  });

  it("README documents every variable of the schema, and nothing else but named tooling", () => {
    expect(SERVER_CONFIG_KEYS.filter((key) => !documented.has(key))).toEqual([]);
    expect([...documented].filter((key) => !SERVER_CONFIG_KEYS.includes(key) && !TOOLING.includes(key))).toEqual([]);
  });

  it("every variable a script or config file reads is in the schema or documented tooling", () => {
    const files = ["playwright.config.ts", "prisma.config.ts", "vitest.config.ts", "next.config.ts"];
    for (const dir of ["scripts", "prisma"])
      for (const entry of readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true }))
        if (entry.isFile() && /\.(ts|mts|mjs)$/.test(entry.name) && !entry.parentPath.includes("migrations"))
          files.push(path.relative(root, path.join(entry.parentPath, entry.name)));
    const names = new Set(
      files.flatMap((file) =>
        [...readFileSync(path.join(root, file), "utf8").matchAll(/process\.env\.([A-Z0-9_]+)/g)].map((m) => m[1]!),
      ),
    );
    const unknown = [...names].filter(
      (name) => !SERVER_CONFIG_KEYS.includes(name) && !TOOLING.includes(name) && !SYSTEM.includes(name),
    );
    expect(unknown).toEqual([]);
    for (const name of TOOLING) expect(documented.has(name), `${name} in README`).toBe(true);
  });

  it("only lib/env reads the environment (NODE_ENV, which the build inlines, aside); nothing writes it", () => {
    const reads: string[] = [];
    const writes: string[] = [];
    for (const file of sourceFiles()) {
      const text = readFileSync(path.join(root, file), "utf8");
      for (const match of text.matchAll(/process\.env(?:\.([A-Z0-9_]+)|\[)/g)) {
        if (file.startsWith("lib/env/")) continue;
        // Set by the framework itself, not by whoever deploys: the build's mode, runtime and phase.
        if (match[1] === "NODE_ENV" || match[1] === "NEXT_RUNTIME" || match[1] === "NEXT_PHASE") continue;
        reads.push(`${file}: ${match[0]}`);
      }
      if (/process\.env(\.[A-Z0-9_]+|\[[^\]]+\])\s*(\?\?|\|\||&&)?=(?!=)/.test(text)) writes.push(file);
    }
    expect(reads).toEqual([]);
    expect(writes).toEqual([]);
  });
});
