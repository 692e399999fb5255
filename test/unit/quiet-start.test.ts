import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  EXPECTED_PRISMA_WARNING,
  silenceExpectedNextWarnings,
  withoutExpectedPrismaWarning,
} from "@/scripts/expected-warnings.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const dir = mkdtempSync(path.join(tmpdir(), "bulwark-quiet-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function dbMigrate(databaseUrl: string) {
  const result = spawnSync("npm", ["run", "--silent", "db:migrate"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl },
    encoding: "utf8",
  });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe("npm run db:migrate", () => {
  it.each(["file:", "libsql+file:"])("on %s applies every migration without a warning", (scheme) => {
    const { status, output } = dbMigrate(`${scheme}${path.join(dir, `${scheme.replace(/\W/g, "")}.db`)}`);
    expect(status).toBe(0);
    expect(output).toContain("All migrations have been successfully applied.");
    expect(output).not.toMatch(/warn|will NOT be used/i);
  });

  it("still shows a Prisma warning it was not told about", () => {
    const other = EXPECTED_PRISMA_WARNING.replace("- url", "- directUrl");
    expect(withoutExpectedPrismaWarning(`before${EXPECTED_PRISMA_WARNING}after`)).toBe("beforeafter");
    expect(withoutExpectedPrismaWarning(`before${other}after`)).toBe(`before${other}after`);
  });
});

describe("Next.js warnings on start", () => {
  it("drops the middleware deprecation notice, printed through Next's own logger, and nothing else", async () => {
    const printed: string[] = [];
    const target = { warn: (...args: unknown[]) => void printed.push(args.map(String).join(" ")) };
    silenceExpectedNextWarnings(target);
    // The exact notice Next 16 builds (setup-dev-bundler.js and build/index.js), through its logger's format.
    const require = createRequire(import.meta.url);
    const { MIDDLEWARE_FILENAME, PROXY_FILENAME } = require("next/dist/lib/constants") as Record<string, string>;
    const source = readFileSync(require.resolve("next/dist/server/lib/router-utils/setup-dev-bundler.js"), "utf8");
    expect(source).toContain("file convention is deprecated. Please use");
    target.warn(
      ` ⚠ The "${MIDDLEWARE_FILENAME}" file convention is deprecated. Please use "${PROXY_FILENAME}" instead.`,
    );
    target.warn(" ⚠ Something else Next wants to say");
    expect(printed).toEqual([" ⚠ Something else Next wants to say"]);
  });

  it("drops the standalone notice the programmatic server prints on a production start", () => {
    const printed: string[] = [];
    const target = { warn: (...args: unknown[]) => void printed.push(args.map(String).join(" ")) };
    silenceExpectedNextWarnings(target);
    const require = createRequire(import.meta.url);
    const source = readFileSync(require.resolve("next/dist/server/next.js"), "utf8");
    const notice =
      '"next start" does not work with "output: standalone" configuration. Use "node .next/standalone/server.js" instead.';
    expect(source).toContain(notice);
    target.warn(` ⚠ ${notice}`);
    target.warn(' ⚠ "next start" does not work with "output: export" configuration.');
    expect(printed).toEqual([' ⚠ "next start" does not work with "output: export" configuration.']);
  });

  it("is applied by the server and by every next build", () => {
    expect(readFileSync(path.join(root, "scripts/server.mjs"), "utf8")).toContain("silenceExpectedNextWarnings();");
    const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts.build).toContain("node --import ./scripts/quiet-next.mjs node_modules/next/dist/bin/next build");
    expect(readFileSync(path.join(root, "scripts/run-e2e.mjs"), "utf8")).toContain('"./scripts/quiet-next.mjs"');
  });
});
