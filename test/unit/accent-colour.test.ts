import { describe, expect, it } from "vitest";
import {
  accentColourSchema,
  accentStyle,
  checkAccentColour,
  contrastRatio,
  DARK_INK,
  formatRatio,
  LIGHT_INK,
  PAGE_SURFACES,
  pickAccentInk,
  relativeLuminance,
  resolveAccentPalette,
} from "@/lib/tenancy/accent-colour";

// Issue 16: an accent such as #38bdf8 got white text at 2.14:1. Known pairs from WCAG's own
// definitions: black on white is 21:1, white on #767676 just passes, on #777777 just fails.

const everySurface = (colour: string) => Math.min(...PAGE_SURFACES.map((s) => contrastRatio(colour, s)));

describe("contrast maths", () => {
  it("matches known pairs", () => {
    expect(relativeLuminance("#000000")).toBe(0);
    expect(relativeLuminance("#ffffff")).toBeCloseTo(1, 10);
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 10);
    expect(contrastRatio("#ffffff", "#000000")).toBeCloseTo(21, 10);
    expect(contrastRatio("#777777", "#777777")).toBe(1);
    expect(formatRatio(contrastRatio("#38bdf8", "#ffffff"))).toBe("2.14:1");
    expect(formatRatio(contrastRatio("#767676", "#ffffff"))).toBe("4.54:1");
    expect(formatRatio(contrastRatio("#1d4ed8", "#ffffff"))).toBe("6.70:1");
    // Rounded down: a message never claims the 4.5:1 a colour does not reach.
    expect(contrastRatio("#777777", "#ffffff")).toBeLessThan(4.5);
    expect(formatRatio(contrastRatio("#777777", "#ffffff"))).toBe("4.47:1");
  });
});

describe("the text on the accent", () => {
  it("is dark on #38bdf8 (white would be 2.14:1) and white on the demo stores' colours", () => {
    expect(pickAccentInk("#38bdf8")).toEqual({ ink: DARK_INK, contrast: expect.closeTo(8.16, 2) });
    for (const accent of ["#1d4ed8", "#0f766e", "#b45309"]) expect(pickAccentInk(accent)?.ink).toBe(LIGHT_INK);
    expect(pickAccentInk("#facc15")?.ink).toBe(DARK_INK);
  });

  it("always reaches 4.5:1 where it is accepted, for text on the accent and the accent as text", () => {
    for (let value = 0; value < 0xffffff; value += 0x0a0b0d) {
      const colour = `#${value.toString(16).padStart(6, "0")}`;
      const check = checkAccentColour(colour);
      if (!check.ok) continue;
      expect(contrastRatio(check.palette.accent, check.palette.ink), colour).toBeGreaterThanOrEqual(4.5);
      expect(everySurface(check.palette.text), colour).toBeGreaterThanOrEqual(4.5);
    }
  });

  it("uses the accent itself as text when it reads on the page, and a darker shade of it otherwise", () => {
    const blue = checkAccentColour("#1d4ed8");
    expect(blue.ok && blue.palette.text).toBe("#1d4ed8");
    const sky = checkAccentColour("#38bdf8");
    expect(sky.ok).toBe(true);
    if (!sky.ok) return;
    expect(sky.palette.text).not.toBe("#38bdf8");
    expect(everySurface(sky.palette.text)).toBeGreaterThanOrEqual(4.5);
    // Same hue, darker: each channel scaled by the same factor.
    const [r, g, b] = [1, 3, 5].map((i) => Number.parseInt(sky.palette.text.slice(i, i + 2), 16));
    expect(r! / 0x38).toBeCloseTo(b! / 0xf8, 1);
    expect(g! / 0xbd).toBeCloseTo(b! / 0xf8, 1);
  });
});

describe("refusals", () => {
  it("refuses a mid-tone no text reaches 4.5:1 on, with the numbers", () => {
    for (const colour of ["#777777", "#808080", "#ff0000"]) {
      const check = checkAccentColour(colour);
      expect(check.ok, colour).toBe(false);
      if (!check.ok) expect(check.message).toMatch(/white reaches \d\.\d\d:1 and dark text \d\.\d\d:1.*4\.5:1/);
    }
    expect(checkAccentColour("#777777")).toMatchObject({ message: expect.stringContaining("white reaches 4.47:1") });
  });

  it("refuses what is not a colour, and the schema says why", () => {
    for (const value of ["blue", "#fff", "#12345g", "38bdf8", "#38bdf8ff", "", "url(x)"]) {
      expect(checkAccentColour(value).ok, value).toBe(false);
      expect(accentColourSchema.safeParse(value).success, value).toBe(false);
    }
    const refused = accentColourSchema.safeParse("#808080");
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toContain("hard to read");
    expect(accentColourSchema.parse(" #38BDF8 ")).toBe("#38bdf8");
  });
});

describe("rendering a stored colour", () => {
  it("gives #38bdf8, set before the check existed, dark text", () => {
    expect(accentStyle("#38bdf8")).toMatchObject({ "--accent": "#38bdf8", "--accent-ink": DARK_INK });
  });

  it("darkens a stored mid-tone until white reads on it, and falls back for junk", () => {
    const palette = resolveAccentPalette("#808080");
    expect(palette.ink).toBe(LIGHT_INK);
    expect(contrastRatio(palette.accent, LIGHT_INK)).toBeGreaterThanOrEqual(4.5);
    expect(resolveAccentPalette("red; background:url(x)").accent).toBe("#1d4ed8");
  });
});
