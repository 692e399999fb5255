import { describe, expect, it } from "vitest";
import { ROUTE_TEMPLATES } from "@/lib/security/known-routes";
import { classifyProbe } from "@/lib/security/probe-patterns";
import { isServedPath } from "@/lib/security/unknown-path";
import { tagAsvs } from "@/security/asvs-ids";
// @ts-expect-error: a plain script, without types
import { listRouteTemplates } from "@/scripts/generate-known-routes.mjs";

// Issue 12: a scanner's word list asks for paths nothing serves. The middleware tells them apart
// with the templates generated from the app tree; a stale list would call a new page "unknown"
// and get its visitors counted as scanners, so the list is checked against the tree here.

const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
const fill = (template: string) =>
  template.replace(/\[\[?\.\.\.[^\]]+\]\]?/g, "a/b").replace(/\[[^\]]+\]/g, "some-id_1");

describe("the paths the app serves", () => {
  it.each([
    "/apple-touch-icon.png",
    "/apple-touch-icon-precomposed.png",
    "/apple-touch-icon-120x120-precomposed.png",
    "/manifest.json",
    "/site.webmanifest",
    "/.well-known/change-password",
    "/.well-known/security.txt",
    "/.well-known/traffic-advice",
    "/browserconfig.xml",
  ])("takes %s, which browsers ask every site for unprompted, for served", (path) => {
    expect(classifyProbe(path, "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1", null)).toBeNull();
  });

  it("takes an old PHP platform's link for an unserved path, not a scanner's", () => {
    expect(classifyProbe("/index.php", chrome, null, "?route=product/product&product_id=42")).toBe("unknown-path");
    expect(classifyProbe("/catalog/product.php", "Googlebot/2.1 (+http://www.google.com/bot.html)", null)).toBe(
      "unknown-path",
    );
  });

  it("are the templates of every page and route in the app tree (run scripts/generate-known-routes.mjs)", () => {
    expect(ROUTE_TEMPLATES).toEqual(listRouteTemplates());
    expect(ROUTE_TEMPLATES).toContain("/products/[slug]");
    expect(ROUTE_TEMPLATES).toContain("/api/auth/[...nextauth]");
    // The store's catch-all is its 404 page, not a route.
    expect(ROUTE_TEMPLATES).not.toContain("/[...rest]");
  });

  it.each(ROUTE_TEMPLATES.map((template) => [fill(template)]))(
    "serves %s, with or without a trailing slash",
    (path) => {
      expect(isServedPath(path)).toBe(true);
      expect(isServedPath(`${path}/`)).toBe(true);
      expect(classifyProbe(path, chrome, "same-origin")).toBeNull();
    },
  );

  it.each([
    "/backup",
    "/old",
    "/test/index",
    "/api/v1/users",
    "/api/graphql",
    "/admin/config",
    "/products/wool-socks/reviews",
    "/dashboard/products/p1/edit",
    "/api/dashboard/products/p1/delete",
    "/swagger-ui",
    "/console",
  ])(`${tagAsvs("V11.1.7")} does not serve %s: a probe from anything but a browser another site steered`, (path) => {
    expect(isServedPath(path)).toBe(false);
    expect(classifyProbe(path, chrome, null)).toBe("unknown-path");
    const image = { mode: "no-cors", dest: "image" };
    expect(classifyProbe(path, "python-requests/2.32", "cross-site", "", image)).toBe("unknown-path");
    expect(classifyProbe(path, chrome, "cross-site")).toBe("unknown-path");
    // An <img src> on someone else's page must not count against its visitors (counted apart).
    expect(classifyProbe(path, chrome, "cross-site", "", image)).toBe("steered");
  });
});
