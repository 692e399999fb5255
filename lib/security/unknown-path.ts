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

// Paths browsers and crawlers ask for on their own, whether or not a site has them: touch icons,
// manifests, well-known files. An iPhone asks for several icons on its first visit; counting them
// would take a carrier's shared address for a scanner.
const ASKED_UNPROMPTED = [
  /^\/apple-touch-icon(-\d+x\d+)?(-precomposed)?\.png$/,
  /^\/(favicon|icon)(-\d+x\d+)?\.(png|svg|ico)$/,
  /^\/(manifest\.json|site\.webmanifest|manifest\.webmanifest|browserconfig\.xml)$/,
  /^\/(security\.txt|humans\.txt|ads\.txt|app-ads\.txt|sellers\.json)$/,
  /^\/\.well-known\/(change-password|security\.txt|traffic-advice|assetlinks\.json|apple-app-site-association|appspecific\/[\w.-]+)$/,
];

/** Whether the (decoded) path is one the app serves, or one browsers ask every site for unprompted. */
export function isServedPath(pathname: string): boolean {
  // "/path/" is "/path" (the middleware redirects it).
  const path = pathname.replace(/\/+$/, "") || "/";
  return PATTERNS.some((pattern) => pattern.test(path)) || ASKED_UNPROMPTED.some((pattern) => pattern.test(path));
}
