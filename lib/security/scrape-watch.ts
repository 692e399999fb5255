// Edge-safe: catalog scraping, seen by the middleware. A shopper reads a few catalog pages a
// minute; a scraper reads them as fast as the rate limit lets it (the page limit is generous, so a
// store's own prefetching never trips it). Each instance counts the catalog pages each client
// fetches in a two-minute window, in memory, and reports once per window when a client passes
// what no shopper reads — the "catalog-scraping" detection rule raises the alert.
import { rateLimitSubject } from "./client-ip";
import { isBrowserAgent } from "./user-agent";

export const SCRAPE_WINDOW_MS = 2 * 60_000;
/** One page a second for two minutes. */
export const SCRAPE_THRESHOLD = 120;
/**
 * What one read counts, in fifths of a page. A browser's prefetch of a link it shows counts a
 * fifth: a shopper's grids prefetch every link in view (a few hundred in two minutes at most), so
 * counted whole a fast shopper would pass the threshold; counted at all less, a scraper would only
 * need to say "prefetch" (a page a second as prefetches is still caught). From a client that is
 * not a browser, "prefetch" is a header it chose: a whole page.
 */
export const READ_WEIGHT = { page: 5, prefetch: 1 } as const;
const MAX_CLIENTS = 20_000;

const CATALOG = /^\/(products|categories|search)(\/|$)/;

type Count = { since: number; parts: number };
const counts = new Map<string, Count>();

/** What a request counts towards scraping, in parts of a page: 0 for anything but a catalog read. */
export function weighCatalogRead(method: string, pathname: string, headers: Headers): number {
  if (method !== "GET" || !CATALOG.test(pathname)) return 0;
  const purpose = `${headers.get("sec-purpose") ?? ""} ${headers.get("purpose") ?? ""}`;
  const prefetch = headers.has("next-router-prefetch") || /prefetch/i.test(purpose);
  return prefetch && isBrowserAgent(headers.get("user-agent")) ? READ_WEIGHT.prefetch : READ_WEIGHT.page;
}

/**
 * Counts one catalog read for a client (its weight in parts of a page); returns the pages
 * counted when this read reaches the threshold (once per window), null otherwise.
 */
export function countCatalogRead(clientIp: string, now = Date.now(), weight: number = READ_WEIGHT.page): number | null {
  const key = rateLimitSubject(clientIp);
  let count = counts.get(key);
  if (!count || now - count.since >= SCRAPE_WINDOW_MS) {
    // Bounded: past the cap the oldest windows go first (a Map keeps insertion order).
    if (!count && counts.size >= MAX_CLIENTS) counts.delete(counts.keys().next().value!);
    count = { since: now, parts: 0 };
    counts.delete(key);
    counts.set(key, count);
  }
  const before = count.parts;
  count.parts += weight;
  const threshold = SCRAPE_THRESHOLD * READ_WEIGHT.page;
  return before < threshold && count.parts >= threshold ? Math.floor(count.parts / READ_WEIGHT.page) : null;
}

/** For tests: forget every count. */
export function resetCatalogReadsForTest(): void {
  counts.clear();
}
