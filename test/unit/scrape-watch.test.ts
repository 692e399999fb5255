import { beforeEach, describe, expect, it } from "vitest";
import {
  countCatalogRead,
  READ_WEIGHT,
  resetCatalogReadsForTest,
  SCRAPE_THRESHOLD,
  SCRAPE_WINDOW_MS,
  weighCatalogRead,
} from "@/lib/security/scrape-watch";

const chrome = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36";
const isCatalogRead = (method: string, path: string, headers: Headers) =>
  weighCatalogRead(method, path, headers) === READ_WEIGHT.page;

beforeEach(() => resetCatalogReadsForTest());

describe("catalog scraping watch", () => {
  it("counts catalog pages, a browser's prefetches as a fifth, nothing for other pages or writes", () => {
    const plain = new Headers({ "user-agent": chrome });
    expect(isCatalogRead("GET", "/products/wool-socks", plain)).toBe(true);
    expect(isCatalogRead("GET", "/categories/footwear", plain)).toBe(true);
    expect(isCatalogRead("GET", "/search", plain)).toBe(true);
    expect(isCatalogRead("GET", "/products", plain)).toBe(true);
    expect(isCatalogRead("GET", "/cart", plain)).toBe(false);
    expect(isCatalogRead("GET", "/account", plain)).toBe(false);
    expect(isCatalogRead("POST", "/products/wool-socks", plain)).toBe(false);
    for (const prefetch of [
      { "next-router-prefetch": "1" },
      { "sec-purpose": "prefetch;prerender" },
      { purpose: "prefetch" },
    ] as Array<Record<string, string>>) {
      const headers = new Headers({ ...prefetch, "user-agent": chrome });
      expect(weighCatalogRead("GET", "/products/x", headers)).toBe(READ_WEIGHT.prefetch);
      expect(weighCatalogRead("GET", "/cart", headers)).toBe(0);
    }
  });

  it("takes no prefetch header from a client that is not a browser as an excuse", () => {
    for (const agent of [
      "python-requests/2.32",
      "curl/8.5",
      "",
      "Scrapy/2.11 (+https://scrapy.org)",
      "HeadlessChrome/120",
    ]) {
      const headers = new Headers({ "sec-purpose": "prefetch", "next-router-prefetch": "1", "user-agent": agent });
      expect(weighCatalogRead("GET", "/products/x", headers), agent).toBe(READ_WEIGHT.page);
    }
  });

  it("reports a scraper hiding behind a browser's prefetch header, at five times the pages", () => {
    let reached: number | null = null;
    let reads = 0;
    while (reached === null && reads < 10_000)
      reached = countCatalogRead("198.51.100.70", 1_000 + reads++, READ_WEIGHT.prefetch);
    expect(reads).toBe(SCRAPE_THRESHOLD * (READ_WEIGHT.page / READ_WEIGHT.prefetch));
    expect(reached).toBe(SCRAPE_THRESHOLD);
  });

  it("a shopper paging through grids, with every link in view prefetched, is not reported", () => {
    // A page every 10 s for two minutes, each prefetching the 30 links it shows.
    let reported = 0;
    for (let page = 0; page < 12; page++) {
      const t = 9_000_000 + page * 10_000;
      if (countCatalogRead("198.51.100.71", t) !== null) reported++;
      for (let link = 0; link < 30; link++)
        if (countCatalogRead("198.51.100.71", t + link, READ_WEIGHT.prefetch) !== null) reported++;
    }
    expect(reported).toBe(0);
  });

  it("reports a client once when it reaches the threshold within the window, never below it", () => {
    const start = 1_000_000;
    const reports: number[] = [];
    for (let i = 0; i < SCRAPE_THRESHOLD * 2; i++) {
      const reached = countCatalogRead("198.51.100.7", start + i * 10);
      if (reached !== null) reports.push(i + 1);
    }
    expect(reports).toEqual([SCRAPE_THRESHOLD]);
  });

  it("a shopper reading steadily below one page a second is never reported, and windows restart", () => {
    const start = 5_000_000;
    let reported = 0;
    // One page every 1.5 s for ten minutes.
    for (let t = 0; t < 10 * 60_000; t += 1_500) if (countCatalogRead("198.51.100.8", start + t) !== null) reported++;
    expect(reported).toBe(0);
    // A new window counts from zero: a burst just past the old window's end is counted afresh.
    for (let i = 0; i < SCRAPE_THRESHOLD - 1; i++) countCatalogRead("198.51.100.9", start + i);
    expect(countCatalogRead("198.51.100.9", start + SCRAPE_WINDOW_MS)).toBeNull();
  });

  it("keys an IPv6 client by its /64, so rotating addresses inside it does not reset the count", () => {
    let reached: number | null = null;
    for (let i = 0; i < SCRAPE_THRESHOLD; i++) reached = countCatalogRead(`2001:db8:5:7::${(i + 1).toString(16)}`, i);
    expect(reached).toBe(SCRAPE_THRESHOLD);
  });
});
