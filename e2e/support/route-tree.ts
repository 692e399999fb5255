import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// Every page and route handler of the app, read from its file tree, so a test that walks them
// covers a new one without being edited (the isolation matrix, the response hardening checks).

const APP = path.resolve("app");

export type Route = {
  file: string;
  /** The public path: route groups dropped, the tenant segment dropped, `[name]` for dynamic ones. */
  template: string;
  methods: string[];
  kind: "page" | "api";
  /** Under the platform console (the administrators' host) rather than a store. */
  platform: boolean;
};

export function discoverRoutes(): Route[] {
  const files = readdirSync(APP, { recursive: true, withFileTypes: true }).filter(
    (e) => e.isFile() && /^(page\.tsx|route\.ts)$/.test(e.name),
  );
  return files.map((entry) => {
    const file = path.relative(APP, path.join(entry.parentPath, entry.name));
    const parts = path.dirname(file).split(path.sep);
    const platform = parts.includes("(platform)");
    const segments = parts.filter((s) => s !== "." && !/^\(.*\)$/.test(s));
    const inStore = segments[0] === "%5Ftenant";
    const template = "/" + (inStore ? segments.slice(2) : segments).join("/");
    if (entry.name === "page.tsx") return { file, template, methods: ["GET"], kind: "page" as const, platform };
    const text = readFileSync(path.join(APP, file), "utf8");
    const methods = [...text.matchAll(/\b(GET|POST|PUT|PATCH|DELETE)\b/g)].map((m) => m[1]!);
    return { file, template, methods: [...new Set(methods)], kind: "api" as const, platform };
  });
}
