import { NextRequest } from "next/server";
import { getRewrittenUrl, unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import { config, middleware } from "@/middleware";

function request(path: string, host = "localhost:3000") {
  return new NextRequest(new URL(path, "http://localhost:3000"), { headers: { host } });
}

describe("middleware tenant routing", () => {
  it("rewrites storefront paths into the tenant segment of the request's host", () => {
    const response = middleware(request("/products/halo?x=1", "Lumen.localhost:3000"));
    expect(getRewrittenUrl(response)).toBe("http://localhost:3000/_tenant/lumen.localhost/products/halo?x=1");
  });

  it("answers 404 to any direct request for the internal segment", () => {
    for (const path of ["/_tenant", "/_tenant/lumen.localhost/", "/_tenant/other.com/products/x", "/%5Ftenant/x"]) {
      expect(middleware(request(path)).status).toBe(404);
    }
  });

  it("answers 400 to a malformed Host", () => {
    expect(middleware(request("/", "evil.com/../x")).status).toBe(400);
  });

  it("answers 400 to a path with broken percent-encoding", () => {
    expect(middleware(request("/products/%E0%A4%A")).status).toBe(400);
  });

  it("passes assets and API routes through untouched", () => {
    for (const path of ["/assets/logos/northwind.svg", "/api/auth/session", "/_next/image"]) {
      expect(getRewrittenUrl(middleware(request(path)))).toBeNull();
    }
  });

  it("runs for dotted paths, so /acme.com/secret cannot skip it", () => {
    for (const url of ["/acme.com/secret", "/sitemap.xml", "/robots.txt", "/products/a.b", "/_tenant/x"]) {
      expect(unstable_doesMiddlewareMatch({ config, url })).toBe(true);
    }
    expect(unstable_doesMiddlewareMatch({ config, url: "/_next/static/chunk.js" })).toBe(false);
  });
});
