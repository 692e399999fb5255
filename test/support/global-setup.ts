import type { TestProject } from "vitest/node";
import { ensureBaseDatabase } from "./base-database";

declare module "vitest" {
  export interface ProvidedContext {
    baseDatabase: string;
  }
}

export default function setup(project: TestProject) {
  project.provide("baseDatabase", ensureBaseDatabase());
}
