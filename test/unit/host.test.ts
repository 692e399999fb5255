import { describe, expect, it } from "vitest";
import { buildTenantRewritePath, normalizeHost } from "@/lib/tenancy/host";

describe("normalizeHost", () => {
  it.each([
    ["localhost:3000", "localhost"],
    ["Lumen.LOCALHOST:3000", "lumen.localhost"],
    ["shop.example.com.", "shop.example.com"],
    ["127.0.0.1:8080", "127.0.0.1"],
    ["  northwind.localhost  ", "northwind.localhost"],
  ])("normalises %s to %s", (raw, expected) => {
    expect(normalizeHost(raw)).toBe(expected);
  });

  it.each([
    [null],
    [""],
    ["evil.com/path"],
    ["evil.com:port"],
    ["a..b"],
    ["-bad.com"],
    ["bad-.com"],
    ["under_score.com"],
    ["[::1]:3000"],
    ["x".repeat(64) + ".com"],
    ["a.".repeat(140) + "com"],
    ["host:99999999"],
    ["%2e%2e"],
  ])("rejects %s", (raw) => {
    expect(normalizeHost(raw)).toBeNull();
  });
});

describe("buildTenantRewritePath", () => {
  it("puts the host into the internal segment", () => {
    expect(buildTenantRewritePath("lumen.localhost", "/products/halo")).toBe("/_tenant/lumen.localhost/products/halo");
    expect(buildTenantRewritePath("localhost", "/")).toBe("/_tenant/localhost");
  });
});

describe("same-origin check", () => {
  it("matches scheme, host and port exactly", async () => {
    const { isSameOrigin } = await import("@/lib/tenancy/host");
    expect(isSameOrigin("http://localhost:3000", "localhost:3000")).toBe(true);
    expect(isSameOrigin("http://lumen.localhost:3000", "Lumen.localhost:3000")).toBe(true);
    expect(isSameOrigin("https://shop.example", "shop.example")).toBe(true);
    expect(isSameOrigin("https://shop.example", "shop.example:443")).toBe(true);
    expect(isSameOrigin("https://localhost:3000", "localhost:3000")).toBe(false);
    expect(isSameOrigin("http://localhost:3001", "localhost:3000")).toBe(false);
    expect(isSameOrigin("http://shop.example", "shop.example")).toBe(false);
    expect(isSameOrigin("null", "localhost:3000")).toBe(false);
    expect(isSameOrigin("http://localhost:3000", "evil.com/../x")).toBe(false);
  });
});
