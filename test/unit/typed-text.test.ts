import { describe, expect, it } from "vitest";
import { hasHiddenCharacters } from "@/lib/security/typed-text";
import { storeSettingsSchema } from "@/lib/tenancy/store-settings";

describe("typed text", () => {
  it("keeps what writing needs: emoji sequences, joiners, direction marks, soft hyphens, flag tags", () => {
    for (const text of [
      "👨‍👩‍👧 family",
      "می‌خواهم", // Persian with a zero-width non-joiner
      "क्‍ष", // Devanagari with a zero-width joiner
      "Shalom \u200f שלום",
      "Hyphen\u00adation",
      "🏴󠁧󠁢󠁳󠁣󠁴󠁿 Scotland",
    ])
      expect(hasHiddenCharacters(text), text).toBe(false);
    expect(hasHiddenCharacters("Tabbed\tcolumns", { multiline: true })).toBe(false);
    expect(hasHiddenCharacters("Tabbed\tname")).toBe(true);
  });

  it("refuses what hides or reorders text", () => {
    for (const text of [
      "evil\u202etxt.exe", // right-to-left override
      "a\u2066b\u2069", // isolates
      "nul\u0000byte",
      "bell\u0007",
      "zero\ufeffwidth no-break space",
      "escape\u001b[31m",
    ])
      expect(hasHiddenCharacters(text), JSON.stringify(text)).toBe(true);
  });

  it("treats every line break as one: refused on one line, kept in a multi-line field", () => {
    for (const text of ["North\u2028wind", "North\u2029wind", "North\nwind", "North\r\nwind"]) {
      expect(hasHiddenCharacters(text), JSON.stringify(text)).toBe(true);
      expect(hasHiddenCharacters(text, { multiline: true }), JSON.stringify(text)).toBe(false);
    }
  });

  it("is the rule the store settings apply", () => {
    const base = { name: "Harbour & Hearth" };
    expect(storeSettingsSchema.partial().safeParse({ ...base, privacyPolicy: "👨‍👩‍👧 family" }).success).toBe(true);
    expect(storeSettingsSchema.partial().safeParse({ name: "North\u2028wind" }).success).toBe(false);
  });
});
