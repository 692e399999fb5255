import path from "node:path";
import { describe, expect, it } from "vitest";
import { resolveDatabaseTarget } from "@/lib/db/database-url";
import { parseServerConfig } from "@/lib/env/server-config";

describe("resolveDatabaseTarget", () => {
  it("opens file: URLs with better-sqlite3, relative to the project", () => {
    expect(resolveDatabaseTarget("file:./data/dev.db")).toEqual({
      driver: "better-sqlite3",
      file: path.resolve(process.cwd(), "data/dev.db"),
    });
  });

  it("sends libSQL and Turso URLs to the libSQL adapter with their token", () => {
    expect(resolveDatabaseTarget("libsql://shop.turso.io", "tok")).toEqual({
      driver: "libsql",
      url: "libsql://shop.turso.io",
      authToken: "tok",
    });
    expect(resolveDatabaseTarget("https://db.example.com")).toEqual({
      driver: "libsql",
      url: "https://db.example.com",
    });
    expect(resolveDatabaseTarget("libsql+file:./x.db")).toEqual({
      driver: "libsql",
      url: `file:${path.resolve("x.db")}`,
    });
  });

  it("refuses anything else", () => {
    expect(() => resolveDatabaseTarget("postgres://x")).toThrow(/DATABASE_URL/);
  });
});

describe("parseServerConfig", () => {
  it("fills development defaults", () => {
    expect(parseServerConfig({})).toMatchObject({ NODE_ENV: "development", DATABASE_URL: "file:./data/dev.db" });
  });

  it("names what is wrong", () => {
    expect(() => parseServerConfig({ NODE_ENV: "staging" })).toThrow(/NODE_ENV/);
  });
});
