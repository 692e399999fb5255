import { NextRequest } from "next/server";
import { getRewrittenUrl, unstable_doesMiddlewareMatch } from "next/experimental/testing/server";
import { describe, expect, it } from "vitest";
import { config, middleware } from "@/middleware";

function request(path: string, host = "localhost:3000") {
  return new NextRequest(new URL(path, "http://localhost:3000"), { headers: { host } });
}

describe("middleware tenant routing", () => {
  it("rewrites storefront paths into the tenant segment of the request's host", async () => {
    const response = await middleware(request("/products/halo?x=1", "Lumen.localhost:3000"));
    expect(getRewrittenUrl(response)).toBe("http://localhost:3000/_tenant/lumen.localhost/products/halo?x=1");
  });

  it("answers 404 to any direct request for the internal segment", async () => {
    for (const path of ["/_tenant", "/_tenant/lumen.localhost/", "/_tenant/other.com/products/x", "/%5Ftenant/x"]) {
      expect((await middleware(request(path))).status).toBe(404);
    }
  });

  it("answers 400 to a malformed Host", async () => {
    expect((await middleware(request("/", "evil.com/../x"))).status).toBe(400);
  });

  it("answers 400 to a path with broken percent-encoding", async () => {
    expect((await middleware(request("/products/%E0%A4%A"))).status).toBe(400);
  });

  it("passes assets and API routes through untouched", async () => {
    for (const path of ["/assets/logos/northwind.svg", "/api/auth/session", "/_next/image"]) {
      expect(getRewrittenUrl(await middleware(request(path)))).toBeNull();
    }
  });

  it("sends a signed-out visitor of a protected area to sign in, keeping the destination", async () => {
    const response = await middleware(request("/account/orders?x=1"));
    expect(response.headers.get("location")).toBe(
      "http://localhost:3000/sign-in?callbackUrl=%2Faccount%2Forders%3Fx%3D1",
    );
    const admin = await middleware(request("/admin", "admin.localhost:3000"));
    expect(admin.headers.get("location")).toContain("/admin/sign-in?callbackUrl=%2Fadmin");
    expect(getRewrittenUrl(await middleware(request("/admin/sign-in", "admin.localhost:3000")))).toContain(
      "/_tenant/admin.localhost/admin/sign-in",
    );
  });

  it("clears a session cookie that does not decrypt", async () => {
    const forged = new NextRequest(new URL("/", "http://localhost:3000"), {
      headers: { host: "localhost:3000", cookie: "bulwark.session=not-a-token" },
    });
    const response = await middleware(forged);
    expect(response.headers.get("set-cookie")).toMatch(/bulwark\.session=;.*Max-Age=0/i);
  });

  it("runs for dotted paths, so /acme.com/secret cannot skip it", async () => {
    for (const url of ["/acme.com/secret", "/sitemap.xml", "/robots.txt", "/products/a.b", "/_tenant/x"]) {
      expect(unstable_doesMiddlewareMatch({ config, url })).toBe(true);
    }
    expect(unstable_doesMiddlewareMatch({ config, url: "/_next/static/chunk.js" })).toBe(false);
  });
});
