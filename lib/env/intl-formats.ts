// The runtime's Intl formatters, each built once per locale and options. Building one is ICU work
// (about 50 µs on the reference machine); formatting with a built one is under 1 µs, and a listing
// page formats dozens of prices. Keys come from store settings and fixed lists, and the cache is
// bounded all the same, so no input can grow it without limit.

const LIMIT = 256;
const currencyFormats = new Map<string, Intl.NumberFormat>();
const minorDigits = new Map<string, number>();
const regionNameSets = new Map<string, Intl.DisplayNames>();

function remember<T>(cache: Map<string, T>, key: string, build: () => T): T {
  const known = cache.get(key);
  if (known !== undefined) return known;
  // A locale or currency the runtime refuses throws here, before anything is kept.
  const built = build();
  if (cache.size >= LIMIT) cache.clear();
  cache.set(key, built);
  return built;
}

/** A currency formatter for `locale` (throws a RangeError for a code that is not a currency). */
export function getCurrencyFormat(locale: string, currency: string): Intl.NumberFormat {
  return remember(
    currencyFormats,
    `${locale}\n${currency}`,
    () => new Intl.NumberFormat(locale, { style: "currency", currency }),
  );
}

/** Digits after the decimal point of a currency's minor unit (0 for JPY, 2 for USD). */
export function getCurrencyMinorDigits(currency: string): number {
  return remember(
    minorDigits,
    currency,
    () => getCurrencyFormat("en", currency).resolvedOptions().maximumFractionDigits ?? 2,
  );
}

/** Country and region names in `locale` ("Germany"). */
export function getRegionNames(locale: string): Intl.DisplayNames {
  return remember(regionNameSets, locale, () => new Intl.DisplayNames([locale], { type: "region" }));
}
