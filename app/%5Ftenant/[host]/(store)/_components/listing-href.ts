import type { ListingQuery } from "@/lib/catalog";
import { getMinorUnitDigits } from "@/lib/catalog/money";

/** Builds a listing URL from a parsed query plus changes, leaving defaults out of the URL. */
export function buildListingHref(
  basePath: string,
  query: ListingQuery,
  currency: string,
  changes: Partial<Pick<ListingQuery, "page" | "sort">> = {},
): string {
  const merged = { ...query, ...changes };
  const digits = getMinorUnitDigits(currency);
  const major = (minor: number) => String(minor / 10 ** digits);
  const params = new URLSearchParams();
  if (merged.q) params.set("q", merged.q);
  if (merged.sort !== "featured") params.set("sort", merged.sort);
  if (merged.minPriceMinor !== undefined) params.set("min", major(merged.minPriceMinor));
  if (merged.maxPriceMinor !== undefined) params.set("max", major(merged.maxPriceMinor));
  if (merged.inStock) params.set("inStock", "1");
  if (merged.size) params.set("size", merged.size);
  if (merged.color) params.set("color", merged.color);
  if (merged.page > 1) params.set("page", String(merged.page));
  const search = params.toString();
  return search ? `${basePath}?${search}` : basePath;
}
