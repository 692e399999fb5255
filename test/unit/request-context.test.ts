import { NextRequest, type NextFetchEvent, type NextResponse } from "next/server";
import { describe, expect, it } from "vitest";
import { middleware } from "@/middleware";
import { classifyAgentFamily, describeUserAgent } from "@/lib/security/user-agent";

// Every event carries the request it came from and the kind of client that sent it.

const event = { waitUntil: () => undefined } as unknown as NextFetchEvent;

describe("request ids", () => {
  it("every response carries a fresh id, also passed on to the handler; a client's own is replaced", async () => {
    const ids = new Set<string>();
    for (const path of ["/", "/api/cart", "/products/x?sort=price-asc"]) {
      const request = new NextRequest(new URL(path, "http://localhost:3000"), {
        headers: { host: "localhost:3000", "x-request-id": "chosen-by-the-client" },
      });
      const response = (await middleware(request, event)) as NextResponse;
      const id = response.headers.get("x-request-id")!;
      expect(id).toMatch(/^[0-9a-f-]{36}$/);
      // What the handler receives (Next.js passes the middleware's request headers on this way).
      expect(response.headers.get("x-middleware-request-x-request-id")).toBe(id);
      ids.add(id);
    }
    expect(ids.size).toBe(3);
  });
});

describe("agent families", () => {
  it.each([
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36", "chrome"],
    ["Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:140.0) Gecko/20100101 Firefox/140.0", "firefox"],
    ["Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Safari/604.1", "safari"],
    ["Mozilla/5.0 (Windows NT 10.0) AppleWebKit/537.36 Chrome/156.0 Safari/537.36 Edg/156.0", "edge"],
    ["curl/8.5.0", "script:curl"],
    ["python-requests/2.32.3", "script:python"],
    ["Go-http-client/1.1", "script:go"],
    ["node-fetch/1.0 (+https://github.com/bitinn/node-fetch)", "script:node"],
    ["Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 HeadlessChrome/156.0 Safari/537.36", "script:automation"],
    ["sqlmap/1.7.2#stable (https://sqlmap.org)", "scanner"],
    ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "bot"],
    ["", "none"],
    ["SomethingElse/1.0", "other"],
  ])("%s is %s", (agent, family) => {
    expect(classifyAgentFamily(agent)).toBe(family);
  });

  it("still describes a device for the sessions list", () => {
    expect(describeUserAgent("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Firefox/140.0")).toBe("Firefox on macOS");
  });
});
