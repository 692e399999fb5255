import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { readGuardMark } from "@/lib/guard/guard";

export const root = path.resolve(import.meta.dirname, "../..");

/** Every TypeScript file under app/. */
export const appFiles = readdirSync(path.join(root, "app"), { recursive: true, withFileTypes: true })
  .filter((entry) => entry.isFile() && /\.(ts|tsx)$/.test(entry.name))
  .map((entry) => path.join(entry.parentPath, entry.name));

const directive = /^\s*(?:\/\/[^\n]*\n|\/\*[\s\S]*?\*\/\s*)*\s*["']use server["']/;

export const routeModules = appFiles.filter((file) => path.basename(file) === "route.ts");
/** Modules whose first statement is "use server": every export is a server action. */
export const actionModules = appFiles.filter((file) => directive.test(readFileSync(file, "utf8")));
/** Files that declare a server action inline (a "use server" anywhere but the top): not allowed. */
export const inlineActionFiles = appFiles.filter(
  (file) => !actionModules.includes(file) && /["']use server["']/.test(readFileSync(file, "utf8")),
);

const HTTP_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

/** Exports of a route or action module that did not go through the guard. */
export function findUnguardedExports(module: Record<string, unknown>, kind: "route" | "action"): string[] {
  return Object.entries(module)
    .filter(([name, value]) => (kind === "route" ? HTTP_METHODS.has(name) || typeof value === "function" : true))
    .filter(([, value]) => {
      const mark = readGuardMark(value);
      if (!mark) return true;
      return kind === "action" ? mark.kind !== "action" : mark.kind === "action";
    })
    .map(([name]) => name);
}
