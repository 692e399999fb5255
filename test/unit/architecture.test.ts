import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");
const appFiles = readdirSync(path.join(root, "app"), { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
  .map((entry) => path.join(entry.parentPath, entry.name));

describe("architecture", () => {
  it("no file under app/ talks to Prisma or the database client directly", () => {
    const offenders = appFiles.filter((file) =>
      /from\s+["'](@prisma\/|@\/lib\/db(\/|["']))/.test(readFileSync(file, "utf8")),
    );
    expect(offenders.map((file) => path.relative(root, file))).toEqual([]);
  });

  it("every route handler under app/api goes through the guard or a verified special case", () => {
    const special = new Set([
      "api/auth/[...nextauth]/route.ts",
      "api/session/refresh/route.ts",
      "api/webhooks/stripe/route.ts",
      "api/internal/security-events/route.ts",
      "api/csp-report/route.ts",
    ]);
    const handlers = appFiles.filter((file) => file.includes(`${path.sep}api${path.sep}`) && file.endsWith("route.ts"));
    for (const file of handlers) {
      const relative = path.relative(path.join(root, "app"), file);
      if (special.has(relative)) continue;
      const text = readFileSync(file, "utf8");
      if (text.includes("guardedRoute(")) continue;
      const libModule = /from "@\/lib\/([\w/-]+)"/.exec(text)?.[1];
      expect(libModule, relative).toBeTruthy();
      const source = readFileSync(path.join(root, "lib", `${libModule}.ts`), "utf8");
      expect(source, `${relative} → lib/${libModule}.ts`).toContain("guardedRoute(");
    }
    expect(handlers.length).toBeGreaterThan(10);
  });
});
