// Edge-safe: whether any page or route of the app serves a path. A scanner enumerating paths
// (/backup, /old/admin, /api/v1/users…) asks mostly for paths nothing serves; a shopper follows
// links the shop made. The templates are generated from the app tree (known-routes.ts).
import { ROUTE_TEMPLATES } from "./known-routes";

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function compile(template: string): RegExp {
  const segments = template.split("/").map((segment) => {
    if (segment.startsWith("[[...")) return ".*";
    if (segment.startsWith("[...")) return ".+";
    if (segment.startsWith("[")) return "[^/]+";
    return escape(segment);
  });
  return new RegExp(`^${segments.join("/")}$`);
}

const PATTERNS = ROUTE_TEMPLATES.map(compile);

/** Whether the (decoded) path is one the app serves. */
export function isServedPath(pathname: string): boolean {
  // "/path/" is "/path" (the middleware redirects it).
  const path = pathname.replace(/\/+$/, "") || "/";
  return PATTERNS.some((pattern) => pattern.test(path));
}
