import { z } from "zod";
import { parseMajorToMinor } from "./money";

// Query strings are user input: every parameter falls back to a sensible default instead of
// failing, so a crafted URL gets a normal page, never a 500.

export const SORT_OPTIONS = [
  { value: "featured", label: "Featured" },
  { value: "newest", label: "Newest" },
  { value: "price-asc", label: "Price: low to high" },
  { value: "price-desc", label: "Price: high to low" },
] as const;

export type SortOption = (typeof SORT_OPTIONS)[number]["value"];

export const PAGE_SIZE = 12;
export const MAX_PAGE = 1000;
export const MAX_SEARCH_LENGTH = 100;
const MAX_OPTION_LENGTH = 40;

export type ListingQuery = {
  sort: SortOption;
  page: number;
  minPriceMinor?: number;
  maxPriceMinor?: number;
  inStock: boolean;
  size?: string;
  color?: string;
  q: string;
  /** True when the search text was longer than allowed and was cut. */
  qTruncated: boolean;
};

export type RawSearchParams = Record<string, string | string[] | undefined>;

const first = (value: unknown) => (Array.isArray(value) ? value[0] : value);
const text = z.preprocess(first, z.string()).optional().catch(undefined);

const rawSchema = z.object({
  sort: z
    .preprocess(first, z.enum(SORT_OPTIONS.map((o) => o.value) as [SortOption, ...SortOption[]]))
    .catch("featured"),
  page: z.preprocess(first, z.coerce.number().int().min(1)).catch(1),
  min: text,
  max: text,
  inStock: text,
  size: text,
  color: text,
  q: text,
});

function cleanOption(value: string | undefined): string | undefined {
  const trimmed = value?.trim();
  return trimmed && trimmed.length <= MAX_OPTION_LENGTH ? trimmed : undefined;
}

export function parseListingQuery(params: RawSearchParams, currency: string): ListingQuery {
  const raw = rawSchema.parse(params);
  let minPriceMinor = raw.min ? (parseMajorToMinor(raw.min, currency) ?? undefined) : undefined;
  let maxPriceMinor = raw.max ? (parseMajorToMinor(raw.max, currency) ?? undefined) : undefined;
  if (minPriceMinor !== undefined && maxPriceMinor !== undefined && minPriceMinor > maxPriceMinor) {
    [minPriceMinor, maxPriceMinor] = [maxPriceMinor, minPriceMinor];
  }
  const collapsed = (raw.q ?? "").replace(/\s+/g, " ").trim();
  const q = collapsed.slice(0, MAX_SEARCH_LENGTH).trim();
  return {
    sort: raw.sort,
    page: Math.min(raw.page, MAX_PAGE),
    ...(minPriceMinor !== undefined ? { minPriceMinor } : {}),
    ...(maxPriceMinor !== undefined ? { maxPriceMinor } : {}),
    inStock: raw.inStock === "1" || raw.inStock === "true" || raw.inStock === "on",
    ...(cleanOption(raw.size) ? { size: cleanOption(raw.size) } : {}),
    ...(cleanOption(raw.color) ? { color: cleanOption(raw.color) } : {}),
    q,
    qTruncated: collapsed.length > MAX_SEARCH_LENGTH,
  };
}

/** Splits search text into at most eight distinct terms; each must match title or description. */
export function toSearchTerms(q: string): string[] {
  const terms = q
    .toLowerCase()
    .split(/[^\p{L}\p{N}'-]+/u)
    .filter((term) => term.length >= 2);
  return [...new Set(terms)].slice(0, 8);
}
