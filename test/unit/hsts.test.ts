import { NextRequest, type NextFetchEvent } from "next/server";
import { beforeAll, describe, expect, it } from "vitest";
import { createSecurityHeaderTemplate, readHstsPreloadHosts, securityHeaders } from "@/lib/security/headers";
import { tagAsvs } from "@/security/asvs-ids";

// Issue 9: HSTS preload is a promise for a whole domain, hard to take back. Only hosts the
// operator lists in HSTS_PRELOAD_HOSTS get it; every merchant domain gets plain HSTS.

let middleware: (request: NextRequest, event: NextFetchEvent) => Promise<Response>;

beforeAll(async () => {
  process.env.HSTS_PRELOAD_HOSTS = " Platform.Example , shop.operator.example";
  ({ middleware } = await import("@/middleware"));
});

const event = { waitUntil: () => undefined } as unknown as NextFetchEvent;
const hstsFor = async (host: string) =>
  (
    await middleware(
      new NextRequest(new URL("/", `http://${host}`), { headers: { host, "x-bulwark-peer-ip": "192.0.2.77" } }),
      event,
    )
  ).headers.get("strict-transport-security");

describe("HSTS", () => {
  it("preloads only the hosts the operator named", async () => {
    expect(await hstsFor("platform.example")).toBe("max-age=63072000; includeSubDomains; preload");
    expect(await hstsFor("shop.operator.example")).toMatch(/; preload$/);
  });

  it(`${tagAsvs("V9.1.1", "V14.4.5")} sends plain HSTS, without includeSubDomains or preload, on every other store's domain`, async () => {
    for (const host of ["northwind.example", "lumen.localhost", "platform.example.evil.com"]) {
      expect(await hstsFor(host)).toBe("max-age=63072000");
    }
  });

  it(`${tagAsvs("V14.4.5")} parses the list strictly and sends no HSTS at all in development`, () => {
    expect([...readHstsPreloadHosts(" A.example,,b.example ,")]).toEqual(["a.example", "b.example"]);
    expect(readHstsPreloadHosts(undefined).size).toBe(0);
    expect(securityHeaders({ nonce: "n", development: true, hstsPreload: true })["Strict-Transport-Security"]).toBe(
      undefined,
    );
  });

  it("builds the same headers from the per-process template as from scratch, for any nonce", () => {
    for (const input of [
      { development: false },
      { development: true },
      { development: false, hstsPreload: true },
      { development: false, extraFormActions: ["https://pay.example"] },
    ]) {
      const template = createSecurityHeaderTemplate(input);
      for (const nonce of ["bm9uY2Ux", "b3RoZXI+Lz0="]) {
        expect(template(nonce)).toEqual(securityHeaders({ ...input, nonce }));
      }
      // A request's nonce never stays in the template for the next one.
      expect(template("second")["Content-Security-Policy"]).not.toContain("bm9uY2Ux");
    }
  });
});
