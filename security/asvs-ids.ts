// The OWASP ASVS 4.0.3 Level 2 requirements Bulwark holds itself to (the ones that apply to a
// multi-tenant storefront, plus the ones we judged not applicable, with the reason in the map).
// One list, so a mistyped id in the map or in a test's tag is a compile error, not a silent miss.
export const ASVS_IDS = [
  "V2.1.1",
  "V2.1.2",
  "V2.1.7",
  "V2.1.9",
  "V2.2.1",
  "V2.2.3",
  "V2.4.1",
  "V2.5.2",
  "V2.5.4",
  "V2.5.6",
  "V2.8.1",
  "V2.8.4",
  "V2.10.4",
  "V3.1.1",
  "V3.2.1",
  "V3.2.2",
  "V3.2.3",
  "V3.3.1",
  "V3.3.2",
  "V3.3.3",
  "V3.3.4",
  "V3.4.1",
  "V3.4.2",
  "V3.4.3",
  "V3.4.4",
  "V3.4.5",
  "V3.5.3",
  "V3.7.1",
  "V4.1.1",
  "V4.1.2",
  "V4.1.3",
  "V4.1.5",
  "V4.2.1",
  "V4.2.2",
  "V4.3.1",
  "V4.3.2",
  "V5.1.1",
  "V5.1.2",
  "V5.1.3",
  "V5.1.4",
  "V5.1.5",
  "V5.2.1",
  "V5.3.1",
  "V5.3.3",
  "V5.3.4",
  "V5.5.2",
  "V5.5.3",
  "V6.2.1",
  "V6.2.2",
  "V6.2.5",
  "V6.3.1",
  "V6.4.1",
  "V7.1.1",
  "V7.1.2",
  "V7.1.3",
  "V7.2.1",
  "V7.2.2",
  "V7.3.1",
  "V7.4.1",
  "V7.4.2",
  "V8.1.1",
  "V8.2.1",
  "V8.2.2",
  "V8.3.1",
  "V8.3.2",
  "V8.3.4",
  "V9.1.1",
  "V9.2.1",
  "V10.3.1",
  "V10.3.2",
  "V11.1.1",
  "V11.1.2",
  "V11.1.3",
  "V11.1.4",
  "V11.1.5",
  "V11.1.6",
  "V11.1.7",
  "V12.1.1",
  "V12.1.2",
  "V12.2.1",
  "V12.3.1",
  "V12.4.1",
  "V12.5.2",
  "V12.6.1",
  "V13.1.3",
  "V13.1.4",
  "V13.1.5",
  "V13.2.1",
  "V13.2.2",
  "V13.2.3",
  "V13.2.5",
  "V13.2.6",
  "V14.2.1",
  "V14.2.3",
  "V14.3.2",
  "V14.3.3",
  "V14.4.1",
  "V14.4.3",
  "V14.4.4",
  "V14.4.5",
  "V14.4.6",
  "V14.4.7",
  "V14.5.3",
  "V14.5.4",
] as const;

export type AsvsId = (typeof ASVS_IDS)[number];
export type AsvsChapter = AsvsId extends `V${infer C}.${string}` ? `V${C}` : never;

/** The ids of one chapter, so each chapter's file must list exactly its own requirements. */
export type ChapterIds<C extends string> = Extract<AsvsId, `${C}.${string}`>;

/**
 * The marker a test carries in its title, Vitest and Playwright alike, for each requirement it
 * proves: `[ASVS V3.4.1]`. Both reporters' JSON keeps the title, so `npm run verify` reads the
 * result of exactly the tests that ran instead of searching the source.
 */
export function tagAsvs(...ids: [AsvsId, ...AsvsId[]]): string {
  return ids.map((id) => `[ASVS ${id}]`).join(" ");
}

/** The requirement ids a test title carries. */
export function readAsvsTags(title: string): string[] {
  return [...title.matchAll(/\[ASVS (V\d+\.\d+\.\d+)\]/g)].map((match) => match[1]!);
}
