// Edge-safe: catalog scraping, seen by the middleware. A shopper reads a few catalog pages a
// minute; a scraper reads them as fast as the rate limit lets it (the page limit is generous, so a
// store's own prefetching never trips it). Each instance counts the catalog pages each client
// fetches in a two-minute window, in memory, and reports once per window when a client passes
// what no shopper reads — the "catalog-scraping" detection rule raises the alert.
import { rateLimitSubject } from "./client-ip";

export const SCRAPE_WINDOW_MS = 2 * 60_000;
/** One page a second for two minutes, prefetches not counted. */
export const SCRAPE_THRESHOLD = 120;
const MAX_CLIENTS = 20_000;

const CATALOG = /^\/(products|categories|search)(\/|$)/;

type Count = { since: number; pages: number };
const counts = new Map<string, Count>();

/** A catalog page a person or a program asked for: not the router's prefetch of a link. */
export function isCatalogRead(method: string, pathname: string, headers: Headers): boolean {
  if (method !== "GET" || !CATALOG.test(pathname)) return false;
  const purpose = `${headers.get("sec-purpose") ?? ""} ${headers.get("purpose") ?? ""}`;
  return !headers.has("next-router-prefetch") && !/prefetch/i.test(purpose);
}

/**
 * Counts one catalog read for a client; returns the count when it reaches the threshold (once per
 * window), null otherwise.
 */
export function countCatalogRead(clientIp: string, now = Date.now()): number | null {
  const key = rateLimitSubject(clientIp);
  let count = counts.get(key);
  if (!count || now - count.since >= SCRAPE_WINDOW_MS) {
    // Bounded: past the cap the oldest windows go first (a Map keeps insertion order).
    if (!count && counts.size >= MAX_CLIENTS) counts.delete(counts.keys().next().value!);
    count = { since: now, pages: 0 };
    counts.delete(key);
    counts.set(key, count);
  }
  count.pages += 1;
  return count.pages === SCRAPE_THRESHOLD ? count.pages : null;
}

/** For tests: forget every count. */
export function resetCatalogReadsForTest(): void {
  counts.clear();
}
