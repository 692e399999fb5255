// Pure helpers: money is integer minor units plus an ISO 4217 currency code.
import { getCurrencyFormat, getCurrencyMinorDigits } from "@/lib/env/intl-formats";

export function getMinorUnitDigits(currency: string): number {
  return getCurrencyMinorDigits(currency);
}

export function formatMoney(minor: number, currency: string, locale = "en-US"): string {
  const digits = getCurrencyMinorDigits(currency);
  return getCurrencyFormat(locale, currency).format(minor / 10 ** digits);
}

/** Parses a price typed in major units ("12", "12.5", "12.50") into minor units; null when it is not one. */
export function parseMajorToMinor(input: string, currency: string): number | null {
  const digits = getMinorUnitDigits(currency);
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(input.trim());
  if (!match) return null;
  const whole = Number(match[1]);
  const fraction = (match[2] ?? "").padEnd(digits, "0").slice(0, digits);
  if (digits === 0 && match[2] && Number(match[2]) !== 0) return null;
  return whole * 10 ** digits + (fraction ? Number(fraction) : 0);
}
