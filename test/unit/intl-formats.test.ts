import { describe, expect, it } from "vitest";
import { formatMoney } from "@/lib/catalog/money";
import { countryName } from "@/lib/checkout/shipping-countries";
import { getCurrencyFormat, getCurrencyMinorDigits, getRegionNames } from "@/lib/env/intl-formats";

// Formatters are built once per locale and currency (building one costs about 50 µs, and a
// listing page formats dozens of prices): reused, never mixed up, never grown without bound.

describe("the Intl formatters", () => {
  it("builds one formatter per locale and currency and hands the same one back", () => {
    expect(getCurrencyFormat("en-US", "USD")).toBe(getCurrencyFormat("en-US", "USD"));
    expect(getCurrencyFormat("de-DE", "USD")).not.toBe(getCurrencyFormat("en-US", "USD"));
    expect(getCurrencyFormat("en-US", "EUR")).not.toBe(getCurrencyFormat("en-US", "USD"));
    expect(getRegionNames("en-US")).toBe(getRegionNames("en-US"));
  });

  it("keeps each locale's and currency's own format once cached", () => {
    const amounts = [
      [18900, "USD", "en-US", "$189.00"],
      [18900, "USD", "de-DE", "189,00 $"],
      [4500, "EUR", "de-DE", "45,00 €"],
      [1200, "JPY", "en-US", "¥1,200"],
      [1200, "JPY", "ja-JP", "￥1,200"],
    ] as const;
    // Twice round, interleaved: the second pass reads the cache.
    for (let pass = 0; pass < 2; pass++) {
      for (const [minor, currency, locale, text] of amounts) {
        expect(formatMoney(minor, currency, locale).replace(/\u00a0/g, " ")).toBe(text);
      }
    }
    expect(getCurrencyMinorDigits("JPY")).toBe(0);
    expect(getCurrencyMinorDigits("BHD")).toBe(3);
    expect(countryName("DE", "de-DE")).toBe("Deutschland");
    expect(countryName("DE", "en-US")).toBe("Germany");
  });

  it("refuses a code that is no currency every time, and keeps nothing for it", () => {
    expect(() => getCurrencyFormat("en-US", "DOLLARS")).toThrow(RangeError);
    expect(() => getCurrencyFormat("en-US", "DOLLARS")).toThrow(RangeError);
  });

  it("stays bounded whatever locales it is asked for", () => {
    const first = getCurrencyFormat("en-US", "GBP");
    // More distinct keys than the cache keeps: it starts over rather than growing.
    for (let i = 0; i < 300; i++) getCurrencyFormat(`en-US-u-nu-latn-x-k${i}`, "GBP");
    expect(getCurrencyFormat("en-US", "GBP")).not.toBe(first);
    expect(getCurrencyFormat("en-US", "GBP").format(1)).toBe(first.format(1));
  });
});
