import { NextRequest, type NextFetchEvent, type NextResponse } from "next/server";
import { afterEach, describe, expect, it } from "vitest";
import { middleware } from "@/middleware";
import { findBlock, setBlocksForTest } from "@/lib/rate-limit/blocks";
import { POLICIES } from "@/lib/rate-limit/policies";
import { classifyProbe } from "@/lib/security/probe-patterns";
import { DETECTION_RULES } from "@/lib/telemetry/detection-rules";

const minute = 60_000;

describe("probe patterns", () => {
  it.each([
    ["/", "sqlmap/1.8.4#stable (https://sqlmap.org)", null, "scanner-agent"],
    [
      "/",
      "Mozilla/5.0 (compatible; Nuclei - Open-source project (github.com/projectdiscovery/nuclei))",
      null,
      "scanner-agent",
    ],
    ["/", "Wapiti/3.1.8 (wapiti-scanner.github.io)", null, "scanner-agent"],
    ["/", "Fuzz Faster U Fool v2.1.0 ffuf", "cross-site", "scanner-agent"],
    ["/.env", "curl/8", null, "sensitive-path"],
    ["/.env~", "curl/8", null, "sensitive-path"],
    ["/api/.env", "curl/8", null, "sensitive-path"],
    ["/.git/config", "curl/8", null, "sensitive-path"],
    ["/.git-credentials", "curl/8", null, "sensitive-path"],
    ["/wp-admin/", "Mozilla/5.0", "none", "sensitive-path"],
    ["/wp-login.php", "Mozilla/5.0", null, "sensitive-path"],
    ["/shell.php", "Mozilla/5.0", null, "sensitive-path"],
    ["/phpinfo.php", "Mozilla/5.0", null, "sensitive-path"],
    ["/phpmyadmin/index.php", "Mozilla/5.0", "same-origin", "sensitive-path"],
  ])("flags %s (%s, Sec-Fetch-Site %s) as %s", (path, agent, site, reason) => {
    expect(classifyProbe(path, agent, site)).toBe(reason);
  });

  const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/156.0 Safari/537.36";
  it.each([
    ["/", null],
    ["/products", "same-origin"],
    ["/search", "same-origin"],
    ["/products/backup-battery-pack", null],
    ["/categories/console-tables", null],
    ["/products/environment-friendly-mug", null],
    ["/account/orders", "same-origin"],
    ["/api/cart/items", "same-origin"],
  ])("leaves a shopper's %s alone", (path, site) => {
    expect(classifyProbe(path, chrome, site)).toBeNull();
  });

  it.each([
    "?q=1%27%20AND%201%3D1%20UNION%20SELECT%20NULL--",
    "?q=1' UNION ALL SELECT NULL,NULL--",
    "?q=x%27%20OR%20%271%27%3D%271",
    "?sort=price' OR '1'='1",
    "?q=1 AND SLEEP(5)",
    "?q=1';WAITFOR DELAY '0:0:5'--",
    "?q=admin'--",
    "?q=1; DROP TABLE users",
    "?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    "?q=<img src=x onerror=alert(1)>",
    "?page=../../../../etc/passwd",
    "?q=${jndi:ldap://x/a}",
    "?q={{7*7}}",
  ])("flags an injection payload in the query %s", (query) => {
    expect(classifyProbe("/search", chrome, null, query)).toBe("injection");
  });

  it.each([
    "?q=JavaScript: The Good Parts",
    "?q=rock 'n' roll",
    "?q=men's or women's",
    "?q=Guns N' Roses",
    "?q=sleep mask",
    "?q=select wool socks",
    "?q=size (M) -- blue",
    "?q=union jack mug",
    "?q=C# in depth",
    "?q=50% off; free delivery",
    "?sort=price-asc&page=2",
    "?q=100%",
    "?q=Deep Sleep (8 hr) eye mask",
    "?q=Benchmark (2 pack)",
    "?q=union select tee",
    "?q=Union Select Tee",
    "?q=1 and 2 seater sofa",
    "?q=order by 2 days",
    "?q=2 or 3 = cheaper",
  ])("leaves a shopper's query %s alone", (query) => {
    expect(classifyProbe("/search", chrome, "same-origin", query)).toBeNull();
  });

  it("does not count an injection string another site made the browser send", () => {
    const image = { mode: "no-cors", dest: "image" };
    expect(classifyProbe("/search", chrome, "cross-site", "?q=1' UNION SELECT NULL--", image)).toBe("steered");
    // One borrowed header is not a browser's word: all three come together.
    expect(classifyProbe("/search", chrome, "cross-site", "?q=1' UNION SELECT NULL--")).toBe("injection");
    expect(
      classifyProbe("/search", chrome, "cross-site", "?q=1' UNION SELECT NULL--", { mode: "cors", dest: null }),
    ).toBe("injection");
  });

  it("does not count a sensitive path another site made the browser request (an <img> on any page)", () => {
    const image = { mode: "no-cors", dest: "image" };
    expect(classifyProbe("/.env", chrome, "cross-site", "", image)).toBe("steered");
    expect(classifyProbe("/wp-login.php", chrome, "same-site", "", { mode: "navigate", dest: "document" })).toBe(
      "steered",
    );
    expect(classifyProbe("/.env", chrome, "cross-site")).toBe("sensitive-path");
    // What is no probe stays none, wherever it came from.
    expect(classifyProbe("/products", chrome, "cross-site", "", { mode: "navigate", dest: "document" })).toBeNull();
  });

  it.each(["python-requests/2.32.3", "curl/8.5.0", "Go-http-client/1.1", "", "HeadlessChrome/120.0"])(
    "takes no Sec-Fetch-Site excuse from a client that is not a browser (%s)",
    (agent) => {
      const image = { mode: "no-cors", dest: "image" };
      expect(classifyProbe("/.env", agent, "cross-site", "", image)).toBe("sensitive-path");
      expect(classifyProbe("/search", agent, "same-site", "?q=1' UNION SELECT NULL--", image)).toBe("injection");
    },
  );

  it.each([
    // Encoded once more than the router decodes: %2527 is %27 is '.
    "?q=1%2527%2520UNION%2520SELECT%2520NULL--",
    "?q=%253Cscript%253Ealert(1)%253C%252Fscript%253E",
    "?q=1 UNION DISTINCT SELECT NULL--",
    "?q=1/*!50000UNION*/ /*!50000SELECT*/ NULL--",
    "?q=1 UNION/**/SELECT NULL",
    "?id=1 AND 2791=2791",
    "?id=1) AND 5193=5193-- -",
    "?sort=1 ORDER BY 10-- -",
    "?q=1 UNION#x%0ASELECT NULL,NULL",
    "?q=1 UNION--x%0ASELECT 1,2",
    "?q=1 AND 1=LIKE(CHAR(65),UPPER(HEX(RANDOMBLOB(500000000/2))))",
    "?q=${${lower:j}ndi:ldap://x/a}",
    "?q=${::-j}${::-n}di:ldap://x",
    "?q=${7*7}",
    "?q=<%= 7*7 %>",
    "?q=<details open ontoggle=alert(1)>",
    "?file=....//....//etc/passwd",
    "?file=/etc/passwd",
    "?id=1 AND EXTRACTVALUE(1,CONCAT(0x7e,version()))",
  ])("sees through the spelling of %s", (query) => {
    expect(classifyProbe("/search", chrome, null, query)).toBe("injection");
  });

  it.each([
    "/products/1' OR '1'='1",
    "/products/<script>alert(1)</script>",
    "/categories/x UNION SELECT password FROM users",
  ])("flags a payload in the path %s", (path) => {
    expect(classifyProbe(path, chrome, null)).toBe("injection");
  });

  it.each(["/products/rock-n-roll-tee", "/categories/union-jack", "/products/100%25-wool", "/search"])(
    "leaves a shop's own path %s alone",
    (path) => {
      expect(classifyProbe(path, chrome, "same-origin")).toBeNull();
    },
  );
});

describe("detection rules that contain", () => {
  it("block what they group by, for rate-limit classes that exist, for a while", () => {
    for (const rule of DETECTION_RULES) {
      if (!rule.contain) continue;
      expect(rule.groupBy, rule.name).toBe(rule.contain.scope === "prefix" ? "network" : "clientKey");
      if (rule.contain.classes !== "all") {
        for (const name of rule.contain.classes) expect(Object.keys(POLICIES), rule.name).toContain(name);
      }
      expect(rule.contain.ttlMs).toBeGreaterThan(0);
    }
    // A whole network is never refused the shop itself: prefixes lose sign-in, not browsing or checkout.
    for (const rule of DETECTION_RULES.filter((r) => r.contain?.scope === "prefix")) {
      expect(rule.contain!.classes, rule.name).not.toBe("all");
      for (const kept of ["page", "checkout", "cart-write", "search"])
        expect(rule.contain!.classes).not.toContain(kept);
    }
  });
});

const event = { waitUntil: () => undefined } as unknown as NextFetchEvent;
const from = (ip: string, path: string, method = "GET", headers: Record<string, string> = {}) =>
  middleware(
    new NextRequest(new URL(path, "http://localhost:3000"), {
      method,
      headers: { host: "localhost:3000", "x-bulwark-peer-ip": ip, ...headers },
    }),
    event,
  ) as Promise<NextResponse>;

describe("containment at the edge", () => {
  afterEach(() => setBlocksForTest([]));

  it("refuses a blocked prefix the classes it lost, and nothing else", async () => {
    setBlocksForTest([
      {
        scope: "prefix",
        value: "198.51.100.0/24",
        classes: ["sign-in", "webhook"],
        expiresAt: Date.now() + 30 * minute,
      },
    ]);
    expect(findBlock("198.51.100.77", "sign-in")).toBeDefined();
    expect(findBlock("198.51.100.77", "page")).toBeUndefined();
    expect(findBlock("198.51.101.77", "sign-in")).toBeUndefined();
    const refused = await from("198.51.100.77", "/api/webhooks/stripe", "POST", { "content-type": "application/json" });
    expect(refused.status).toBe(403);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(1700);
    expect(await refused.json()).toMatchObject({ error: expect.stringContaining("paused") });
    // A network's sign-in block is the sign-in route's to apply (trusted devices pass): not refused here.
    const signIn = await from("198.51.100.77", "/api/auth/callback/credentials", "POST", {
      "content-type": "application/x-www-form-urlencoded",
    });
    expect(signIn.status).not.toBe(403);
    // The same network still browses.
    expect((await from("198.51.100.77", "/products")).status).toBe(200);
  });

  it("refuses a blocked address everything, an IPv6 /64 as one, and forgets expired blocks", async () => {
    setBlocksForTest([
      { scope: "address", value: "203.0.113.9", classes: "all", expiresAt: Date.now() + minute },
      { scope: "prefix", value: "2001:db8:1:2::/64", classes: ["sign-in"], expiresAt: Date.now() + minute },
      { scope: "address", value: "203.0.113.10", classes: "all", expiresAt: Date.now() - 1 },
    ]);
    const page = await from("203.0.113.9", "/", "GET", { accept: "text/html" });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain("Paused for your network");
    expect((await from("203.0.113.10", "/")).status).toBe(200);
    expect(findBlock("2001:db8:1:2:aaaa::1", "sign-in")).toBeDefined();
    expect(findBlock("2001:db8:1:3::1", "sign-in")).toBeUndefined();
    // The app's own internal calls are never refused.
    expect((await from("203.0.113.9", "/api/internal/blocks")).status).not.toBe(403);
    // A path with a trailing slash is refused too: the redirect comes after the checks.
    expect((await from("203.0.113.9", "/phpmyadmin/")).status).toBe(403);
  });

  it("redirects '/path/' to '/path' itself, keeping the query; '/' stays", async () => {
    const redirected = await from("192.0.2.44", "/products/?sort=price-asc");
    expect(redirected.status).toBe(308);
    const location = new URL(redirected.headers.get("location")!);
    expect(`${location.pathname}${location.search}`).toBe("/products?sort=price-asc");
    expect((await from("192.0.2.44", "/")).status).toBe(200);
  });

  it("refuses a self-named scanner at once, before any block exists, whatever it asks for", async () => {
    const agent = { "user-agent": "Mozilla/5.0 (compatible; Nmap Scripting Engine; https://nmap.org/book/nse.html)" };
    for (const path of ["/", "/products/", "/api/cart", "/.env"]) {
      expect((await from("192.0.2.45", path, "GET", agent)).status, path).toBe(403);
    }
  });
});

const GROUPED_BY = {
  network: "network",
  credentialTag: "password tried",
  clientKey: "address",
  actor: "account",
  tenantId: "store",
  agentFamily: "non-browser client kind",
} as const;

describe("README's detection table", () => {
  it("is the rule table the code runs", async () => {
    const { readFileSync } = await import("node:fs");
    const path = await import("node:path");
    const readme = readFileSync(path.resolve(import.meta.dirname, "../../README.md"), "utf8");
    const section = readme.slice(readme.indexOf("## Detection and response"), readme.indexOf("**Containment.**"));
    const rows = [...section.matchAll(/^\| `([a-z-]+)`\s*\|(.*)\|$/gm)].map((m) => [
      m[1]!,
      ...m[2]!.split("|").map((c) => c.trim()),
    ]);
    const expected = DETECTION_RULES.map((r) => [
      r.name,
      r.description,
      r.events.map((e) => `\`${e}\``).join(", "),
      GROUPED_BY[r.groupBy],
      r.measure === "events"
        ? `${r.threshold} event${r.threshold === 1 ? "" : "s"}`
        : `${r.threshold} ${r.measure === "distinct-actors" ? "accounts" : "prefixes"}`,
      `${r.windowMs / 60_000} min`,
      r.contain
        ? `${r.contain.scope}: ${r.contain.classes === "all" ? "everything" : r.contain.classes.join(", ")}, ${r.contain.ttlMs / 60_000} min`
        : "—",
    ]);
    expect(rows).toEqual(expected);
    // The hoarding cap as the checkout enforces it.
    const { HOLD_CAP } = await import("@/lib/checkout/hold-cap");
    const text = readme.replace(/\s+/g, " ");
    expect(text).toContain(
      `at most ${HOLD_CAP.openCheckouts} checkouts waiting for payment and ${HOLD_CAP.units} units held`,
    );
    const { NETWORK_HOLD_CAP } = await import("@/lib/checkout/hold-cap");
    expect(text).toContain(
      `an IPv6 /48) may have at most ${NETWORK_HOLD_CAP.openCheckouts} checkouts waiting for payment and ${NETWORK_HOLD_CAP.units} units held`,
    );
  });
});

describe("the alert table", () => {
  it("shows a store-wide alert as the whole store, never the store's internal id", async () => {
    const { createElement } = await import("react");
    const { renderToStaticMarkup } = await import("react-dom/server");
    const { AlertTable } = await import("@/app/%5Ftenant/[host]/_components/alert-table");
    const alert = {
      id: "a1",
      rule: "stuffing-wave",
      key: "cmtenantid0000",
      tenantId: "cmtenantid0000",
      status: "OPEN" as const,
      firstEventAt: new Date(0).toISOString(),
      detectedAt: new Date(1000).toISOString(),
      containedAt: null,
      eventCount: 40,
    };
    const html = renderToStaticMarkup(
      createElement(AlertTable, { alerts: [alert, { ...alert, id: "a2", key: "203.0.113.0/24" }] }),
    );
    expect(html).toContain("the whole store");
    expect(html).toContain("203.0.113.0/24");
    expect(html).not.toContain("cmtenantid0000");
  });
});
