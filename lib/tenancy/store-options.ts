// Pure: the currencies and locales a store may choose. Short lists on purpose: each currency is
// one Stripe and Intl both format, each locale one the storefront's formatting is checked with.

export const STORE_CURRENCIES = ["USD", "EUR", "GBP", "CHF", "JPY", "CAD", "AUD", "SEK"] as const;
export type StoreCurrency = (typeof STORE_CURRENCIES)[number];

/** BCP 47 tags, with the name the settings form shows. */
export const STORE_LOCALES = {
  "en-US": "English (United States)",
  "en-GB": "English (United Kingdom)",
  "en-CA": "English (Canada)",
  "en-AU": "English (Australia)",
  "fr-FR": "Français (France)",
  "fr-CA": "Français (Canada)",
  "de-DE": "Deutsch (Deutschland)",
  "de-CH": "Deutsch (Schweiz)",
  "es-ES": "Español (España)",
  "it-IT": "Italiano (Italia)",
  "nl-NL": "Nederlands (Nederland)",
  "sv-SE": "Svenska (Sverige)",
  "ja-JP": "日本語 (日本)",
} as const satisfies Record<string, string>;
export type StoreLocale = keyof typeof STORE_LOCALES;
export const STORE_LOCALE_TAGS = Object.keys(STORE_LOCALES) as [StoreLocale, ...StoreLocale[]];

/** The policy pages a store can fill in, in footer order, with their titles. */
export const POLICY_KINDS = {
  shipping: { field: "shippingPolicy", title: "Shipping policy" },
  returns: { field: "returnsPolicy", title: "Returns policy" },
  privacy: { field: "privacyPolicy", title: "Privacy policy" },
} as const;
export type PolicyKind = keyof typeof POLICY_KINDS;
