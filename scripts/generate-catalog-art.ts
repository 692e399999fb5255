// Draws the demo catalog's illustrations as small SVG files in public/assets. Run it after changing
// prisma/seed-data (npm run art); the output is committed so nothing is downloaded at run time.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { STORES, imagePathFor, type Glyph } from "../prisma/seed-data/stores";

const GLYPHS: Record<Glyph, string> = {
  jacket:
    "M300 190 L360 160 Q400 200 440 160 L500 190 L600 260 L570 360 L530 340 L530 620 L270 620 L270 340 L230 360 L200 260 Z M400 200 L400 620",
  shirt:
    "M310 180 L370 165 Q400 205 430 165 L490 180 L590 250 L555 330 L515 310 L515 620 L285 620 L285 310 L245 330 L210 250 Z",
  boot: "M300 200 L420 200 L420 440 Q520 450 590 500 Q620 530 600 580 L600 610 L260 610 L260 560 Q300 520 300 460 Z M260 580 L600 580",
  pack: "M320 230 Q320 180 400 180 Q480 180 480 230 L520 250 Q560 270 560 320 L560 600 Q560 630 530 630 L270 630 Q240 630 240 600 L240 320 Q240 270 280 250 Z M300 400 L500 400 L500 520 L300 520 Z",
  cap: "M240 470 Q240 280 400 270 Q560 280 560 470 Z M240 470 L640 470 Q650 520 560 520 L240 520 Z M400 270 L400 255",
  lamp: "M300 220 L500 220 L580 420 L220 420 Z M395 420 L395 590 M405 420 L405 590 M300 600 L500 600 L500 630 L300 630 Z",
  textile:
    "M220 260 L580 260 Q600 260 600 280 L600 560 Q600 580 580 580 L220 580 Q200 580 200 560 L200 280 Q200 260 220 260 Z M200 340 L600 340 M200 420 L600 420 M200 500 L600 500",
  mug: "M260 260 L500 260 L500 560 Q500 610 450 610 L310 610 Q260 610 260 560 Z M500 320 Q600 320 600 410 Q600 500 500 500 M500 360 Q560 360 560 410 Q560 460 500 460",
  vase: "M340 190 L460 190 L450 260 Q560 330 560 450 Q560 620 400 620 Q240 620 240 450 Q240 330 350 260 Z",
};

function hsl(hue: number, saturation: number, lightness: number): string {
  return `hsl(${hue} ${saturation}% ${lightness}%)`;
}

function productSvg(glyph: Glyph, hue: number, variant: number): string {
  const bg1 = hsl(hue, 45, variant === 1 ? 92 : 86);
  const bg2 = hsl((hue + 30) % 360, 50, variant === 1 ? 82 : 74);
  const ink = hsl(hue, 45, 28);
  const fill = hsl(hue, 55, variant === 1 ? 55 : 62);
  const transform = variant === 1 ? "" : ' transform="rotate(-8 400 400) translate(20 10)"';
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 800 800" width="800" height="800" role="img">
<defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${bg1}"/><stop offset="1" stop-color="${bg2}"/></linearGradient></defs>
<rect width="800" height="800" fill="url(#g)"/>
<ellipse cx="400" cy="660" rx="230" ry="26" fill="${ink}" opacity="0.12"/>
<path d="${GLYPHS[glyph]}" fill="${fill}" stroke="${ink}" stroke-width="10" stroke-linejoin="round" stroke-linecap="round"${transform}/>
</svg>
`;
}

function logoSvg(initial: string, color: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" width="64" height="64" role="img">
<rect width="64" height="64" rx="14" fill="${color}"/>
<path d="M14 44 L26 22 L34 36 L40 28 L50 44 Z" fill="#ffffff" opacity="0.9"/>
<text x="32" y="58" font-family="system-ui, sans-serif" font-size="10" font-weight="700" text-anchor="middle" fill="#ffffff">${initial}</text>
</svg>
`;
}

const publicDir = path.join(process.cwd(), "public");
let count = 0;
for (const store of STORES) {
  mkdirSync(path.join(publicDir, "assets", "catalog", store.slug), { recursive: true });
  for (const product of store.products) {
    for (const n of [1, 2]) {
      writeFileSync(
        path.join(publicDir, imagePathFor(store.slug, product.slug, n)),
        productSvg(product.glyph, product.hue, n),
      );
      count++;
    }
  }
  store.categories.forEach((category, index) => {
    const file = path.join(publicDir, "assets", "catalog", store.slug, `category-${category.slug}.svg`);
    writeFileSync(file, productSvg(category.glyph, (index * 67 + 20) % 360, 1));
    count++;
  });
  writeFileSync(
    path.join(publicDir, "assets", "logos", `${store.slug}.svg`),
    logoSvg(store.name.slice(0, 2).toUpperCase(), store.accentColor),
  );
}
console.log(`Wrote ${count} catalog images and ${STORES.length} logos under public/assets.`);
