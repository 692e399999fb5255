// Pure: the countries a store may ship to (ones Stripe Checkout collects addresses for), stored
// on the store as a comma-separated list of ISO 3166-1 alpha-2 codes.
import { getRegionNames } from "@/lib/env/intl-formats";

export const SHIPPING_COUNTRIES = [
  "AT",
  "AU",
  "BE",
  "BG",
  "CA",
  "CH",
  "CY",
  "CZ",
  "DE",
  "DK",
  "EE",
  "ES",
  "FI",
  "FR",
  "GB",
  "GR",
  "HK",
  "HR",
  "HU",
  "IE",
  "IS",
  "IT",
  "JP",
  "KR",
  "LT",
  "LU",
  "LV",
  "MT",
  "MX",
  "NL",
  "NO",
  "NZ",
  "PL",
  "PT",
  "RO",
  "SE",
  "SG",
  "SI",
  "SK",
  "US",
] as const;

export type ShippingCountry = (typeof SHIPPING_COUNTRIES)[number];

const known = new Set<string>(SHIPPING_COUNTRIES);

/** The stored list as codes; anything not on the list (an older or hand-edited value) is dropped. */
export function parseShipsTo(value: string): ShippingCountry[] {
  return [...new Set(value.split(",").map((code) => code.trim().toUpperCase()))].filter(
    (code): code is ShippingCountry => known.has(code),
  );
}

/** "Germany", in the store's language; the code itself if the runtime has no name for it. */
export function countryName(code: string, locale = "en-US"): string {
  try {
    return getRegionNames(locale).of(code) ?? code;
  } catch {
    return code;
  }
}
