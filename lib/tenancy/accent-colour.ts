import { z } from "zod";

// A store's accent colour is used three ways (app/globals.css tokens):
//   --accent       as a background: the hero, buttons, badges, the selected option
//   --accent-ink   text on that background
//   --accent-text  the accent as text (links, hover, active states) and focus outlines on the
//                  page's own surfaces
// Pure (no Node APIs, no database): the layouts, the settings form's check and the tests use it.
// Contrast follows WCAG 2.2 (relative luminance, (L1 + 0.05) / (L2 + 0.05)); text needs 4.5:1.

export const MIN_TEXT_CONTRAST = 4.5;
/** Text on the accent: white, or the near-black the storefront writes its own text in (stone-900). */
export const LIGHT_INK = "#ffffff";
export const DARK_INK = "#1c1917";
/** Where the accent appears as text: cards (white), the page (stone-50) and hovered rows (stone-100). */
export const PAGE_SURFACES = ["#ffffff", "#fafaf9", "#f5f5f4"] as const;
export const DEFAULT_ACCENT = "#1d4ed8";

const HEX = /^#[0-9a-f]{6}$/i;

export type AccentPalette = {
  accent: string;
  ink: string;
  /** The accent itself when it reads on every page surface, otherwise a darker shade of it that does. */
  text: string;
  inkContrast: number;
  textContrast: number;
};

export type AccentCheck = { ok: true; palette: AccentPalette } | { ok: false; message: string };

export function isHexColour(value: string): boolean {
  return HEX.test(value);
}

function channels(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1), 16);
  return [(value >> 16) & 0xff, (value >> 8) & 0xff, value & 0xff];
}

function toHex([r, g, b]: [number, number, number]): string {
  return `#${[r, g, b].map((c) => Math.round(c).toString(16).padStart(2, "0")).join("")}`;
}

/** WCAG relative luminance of an sRGB colour written #rrggbb. */
export function relativeLuminance(hex: string): number {
  const [r, g, b] = channels(hex).map((c) => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** The contrast ratio of two colours, from 1 (none) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** Rounds down to two decimals, so a message never claims more contrast than there is. */
export const formatRatio = (ratio: number) => `${(Math.floor(ratio * 100) / 100).toFixed(2)}:1`;

/** The ink (white or near-black) with the higher contrast on the accent, if it reaches 4.5:1. */
export function pickAccentInk(accent: string): { ink: string; contrast: number } | null {
  const light = contrastRatio(accent, LIGHT_INK);
  const dark = contrastRatio(accent, DARK_INK);
  const best = light >= dark ? { ink: LIGHT_INK, contrast: light } : { ink: DARK_INK, contrast: dark };
  return best.contrast >= MIN_TEXT_CONTRAST ? best : null;
}

const worstOnSurfaces = (colour: string) => Math.min(...PAGE_SURFACES.map((s) => contrastRatio(colour, s)));

/** Mixes a colour towards black step by step until `reaches` holds (black itself always does). */
function darkenUntil(colour: string, reaches: (candidate: string) => boolean): string {
  const rgb = channels(colour);
  for (let step = 0; step <= 20; step += 1) {
    const candidate = toHex(rgb.map((c) => (c * (20 - step)) / 20) as [number, number, number]);
    if (reaches(candidate)) return candidate;
  }
  return "#000000";
}

/** The accent as text on the page: itself when it reads at 4.5:1 on every surface, else a darker shade. */
export function accentTextColour(accent: string): string {
  return darkenUntil(accent, (candidate) => worstOnSurfaces(candidate) >= MIN_TEXT_CONTRAST);
}

/**
 * Whether a colour can be a store's accent: some ink must reach 4.5:1 on it. Mid-tones such as
 * #777777 fail with both (white 4.47:1, near-black 3.90:1) and are refused with the numbers.
 */
export function checkAccentColour(value: string): AccentCheck {
  if (!isHexColour(value)) return { ok: false, message: "Use a colour like #1d4ed8." };
  const accent = value.toLowerCase();
  const ink = pickAccentInk(accent);
  if (!ink) {
    const light = formatRatio(contrastRatio(accent, LIGHT_INK));
    const dark = formatRatio(contrastRatio(accent, DARK_INK));
    return {
      ok: false,
      message: `Text on ${accent} would be hard to read: white reaches ${light} and dark text ${dark}, and at least 4.5:1 is needed. Choose a darker or a lighter colour.`,
    };
  }
  const text = accentTextColour(accent);
  return {
    ok: true,
    palette: { accent, ink: ink.ink, text, inkContrast: ink.contrast, textContrast: worstOnSurfaces(text) },
  };
}

/**
 * What to render for a stored colour, whenever and however it was set (stores created before
 * this check included): a refused mid-tone is darkened until white text reads on it, and
 * anything that is not a colour falls back to the default.
 */
export function resolveAccentPalette(stored: string): AccentPalette {
  const check = checkAccentColour(stored);
  if (check.ok) return check.palette;
  const base = isHexColour(stored) ? stored.toLowerCase() : DEFAULT_ACCENT;
  const darkened = darkenUntil(base, (candidate) => contrastRatio(candidate, LIGHT_INK) >= MIN_TEXT_CONTRAST);
  const palette = checkAccentColour(darkened);
  if (!palette.ok) throw new Error("unreachable: a colour white reads on at 4.5:1 passes the check");
  return palette.palette;
}

/** The accent-colour field of the settings form and the administrator's new-store form. */
export const accentColourSchema = z
  .string()
  .trim()
  .regex(HEX, "Use a colour like #1d4ed8.")
  .transform((value) => value.toLowerCase())
  .superRefine((value, ctx) => {
    const check = checkAccentColour(value);
    if (!check.ok) ctx.addIssue({ code: "custom", message: check.message });
  });

/** CSS custom properties a layout sets for its palette (read by the tokens in app/globals.css). */
export function accentStyle(stored: string): Record<"--accent" | "--accent-ink" | "--accent-text", string> {
  const palette = resolveAccentPalette(stored);
  return { "--accent": palette.accent, "--accent-ink": palette.ink, "--accent-text": palette.text };
}
