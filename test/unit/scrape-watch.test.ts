import { beforeEach, describe, expect, it } from "vitest";
import {
  countCatalogRead,
  isCatalogRead,
  resetCatalogReadsForTest,
  SCRAPE_THRESHOLD,
  SCRAPE_WINDOW_MS,
} from "@/lib/security/scrape-watch";

beforeEach(() => resetCatalogReadsForTest());

describe("catalog scraping watch", () => {
  it("counts catalog pages, not the router's prefetches, other pages or writes", () => {
    const plain = new Headers();
    expect(isCatalogRead("GET", "/products/wool-socks", plain)).toBe(true);
    expect(isCatalogRead("GET", "/categories/footwear", plain)).toBe(true);
    expect(isCatalogRead("GET", "/search", plain)).toBe(true);
    expect(isCatalogRead("GET", "/products", plain)).toBe(true);
    expect(isCatalogRead("GET", "/cart", plain)).toBe(false);
    expect(isCatalogRead("GET", "/account", plain)).toBe(false);
    expect(isCatalogRead("POST", "/products/wool-socks", plain)).toBe(false);
    expect(isCatalogRead("GET", "/products/x", new Headers({ "next-router-prefetch": "1" }))).toBe(false);
    expect(isCatalogRead("GET", "/products/x", new Headers({ "sec-purpose": "prefetch;prerender" }))).toBe(false);
    expect(isCatalogRead("GET", "/products/x", new Headers({ purpose: "prefetch" }))).toBe(false);
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
