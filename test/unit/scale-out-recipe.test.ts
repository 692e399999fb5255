import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { DATABASE_SCHEMES, MIGRATE_AND_SEED } from "@/test/support/base-database";

const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");

// The README's scale-out recipe must be what the libSQL test project actually runs
// (test/support/base-database.ts builds its database with MIGRATE_AND_SEED on libsql+file:).
describe("README scale-out recipe", () => {
  it("is the command the libSQL project migrates with, on the scheme it uses", () => {
    const [migrate, seed] = MIGRATE_AND_SEED.map((command) => command.filter((arg) => arg !== "--silent").join(" "));
    expect(migrate).toBe("npm run db:migrate");
    expect(seed).toBe("npm run db:seed -- --demo");
    expect(readme).toContain(`DATABASE_URL=libsql://<db>.turso.io DATABASE_AUTH_TOKEN=<token> ${migrate}`);
    expect(readme).toContain(`\`DATABASE_URL=${DATABASE_SCHEMES.libsql}<file> ${migrate}\`, then \`${seed}\``);
    expect(readme).toContain("`npx vitest run --project libsql`");
  });

  it("names the flows the libSQL project runs", async () => {
    const config = (await import("@/vitest.config")).default as {
      test: { projects: Array<{ test: { name: string; include: string[] } }> };
    };
    const libsql = config.test.projects.find((project) => project.test.name === "libsql")!;
    expect(libsql.test.include.map((file) => path.basename(file, ".test.ts")).sort()).toEqual(
      [
        "cart",
        "catalog",
        "catalog-management",
        "checkout-and-webhooks",
        "data-cache",
        "driver",
        "identity",
        "mail-claims-and-safety",
        "mail-delivery",
        "onboarding",
        "order-fulfilment",
        "tenant-scope",
      ].sort(),
    );
  });

  it("reaches a libsql:// server through the libSQL adapter, never an engine download", () => {
    // Nothing listens on this port: the command must fail connecting, after choosing the adapter.
    const result = spawnSync("npm", ["run", "--silent", "db:migrate"], {
      cwd: path.resolve(import.meta.dirname, "../.."),
      env: { ...process.env, DATABASE_URL: "libsql://127.0.0.1:9", DATABASE_AUTH_TOKEN: "t" },
      encoding: "utf8",
    });
    const output = result.stdout + result.stderr;
    expect(result.status).not.toBe(0);
    expect(output).toContain(
      'Datasource "db": SQLite database "127.0.0.1:9" using driver adapter "@prisma/adapter-libsql"',
    );
    expect(output).not.toMatch(/download|getaddrinfo|libquery_engine/i);
  });
});
