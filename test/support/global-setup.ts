import type { TestProject } from "vitest/node";
import { DATABASE_SCHEMES, ensureBaseDatabase, type TestDriver } from "./base-database";

declare module "vitest" {
  export interface ProvidedContext {
    baseDatabase: string;
    databaseScheme: string;
  }
}

// vitest.config.ts names each project after the driver it runs on.
export default function setup(project: TestProject) {
  const driver = (project.name === "libsql" ? "libsql" : "better-sqlite3") satisfies TestDriver;
  project.provide("baseDatabase", ensureBaseDatabase(driver));
  project.provide("databaseScheme", DATABASE_SCHEMES[driver]);
}
