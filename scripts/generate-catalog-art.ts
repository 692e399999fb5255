// Draws the demo catalog's illustrations as small SVG files in public/assets. Run it after changing
// prisma/seed-data (npm run art); the output is committed so nothing is downloaded at run time.
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { COLOR_FILLS, STORES, colorImagePathFor, imagePathFor, type Glyph } from "../prisma/seed-data/stores";

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
  vest: "M320 180 L370 170 Q400 230 430 170 L480 180 L500 260 L530 620 L270 620 L300 260 Z M400 230 L400 620",
  pants: "M300 180 L500 180 L525 620 L420 620 L400 330 L380 620 L275 620 Z M300 230 L500 230",
  sandal:
    "M200 560 Q200 520 260 520 L560 520 Q620 520 620 560 L620 590 L200 590 Z M280 520 Q330 400 400 520 M420 520 Q480 420 540 520",
  sock: "M340 180 L460 180 L460 460 Q460 480 480 490 L580 540 Q620 565 600 600 Q585 630 540 620 L380 580 Q340 570 340 520 Z M340 240 L460 240",
  glove:
    "M300 620 L300 380 Q300 340 330 330 L330 220 Q330 195 355 195 Q380 195 380 220 L380 320 L390 200 Q392 175 417 175 Q442 177 440 202 L432 320 L450 220 Q455 195 480 198 Q503 203 500 228 L482 340 L530 300 Q555 282 575 302 Q590 322 570 345 L480 460 L480 620 Z",
  headlamp:
    "M200 400 Q200 300 400 300 Q600 300 600 400 Q600 500 400 500 Q200 500 200 400 Z M330 340 L470 340 L470 460 L330 460 Z M360 400 A40 40 0 1 0 440 400 A40 40 0 1 0 360 400",
  poles:
    "M330 180 L300 620 M470 180 L500 620 M312 180 L348 180 L348 290 L312 290 Z M452 180 L488 180 L488 290 L452 290 Z",
  bottle:
    "M360 170 L440 170 L440 230 Q500 260 500 320 L500 600 Q500 630 470 630 L330 630 Q300 630 300 600 L300 320 Q300 260 360 230 Z M300 380 L500 380",
  candle: "M320 320 L480 320 L480 610 L320 610 Z M400 320 L400 270 M400 265 Q365 220 400 160 Q435 220 400 265 Z",
  cushion: "M220 260 Q400 300 580 260 Q540 400 580 540 Q400 500 220 540 Q260 400 220 260 Z",
  pan: "M170 400 L570 400 Q560 520 440 530 L300 530 Q180 520 170 400 Z M570 420 L710 380 L720 412 L575 455",
  pot: "M220 330 L580 330 L560 560 Q555 600 515 600 L285 600 Q245 600 240 560 Z M180 350 L220 350 M580 350 L620 350 M260 330 Q400 250 540 330",
  board:
    "M220 300 L520 300 Q560 300 560 340 L560 520 Q560 560 520 560 L220 560 Q180 560 180 520 L180 340 Q180 300 220 300 Z M560 400 L640 400 Q670 430 640 460 L560 460",
  jar: "M320 200 L480 200 L480 250 L320 250 Z M300 250 L500 250 Q520 260 520 290 L520 590 Q520 620 490 620 L310 620 Q280 620 280 590 L280 290 Q280 260 300 250 Z",
  knife:
    "M150 440 Q300 350 480 390 L480 470 L190 470 Q150 465 150 440 Z M480 400 L650 400 Q670 400 670 420 L670 450 Q670 470 650 470 L480 470 Z",
  plate:
    "M180 400 A220 220 0 1 0 620 400 A220 220 0 1 0 180 400 Z M260 400 A140 140 0 1 0 540 400 A140 140 0 1 0 260 400",
  shelf:
    "M180 380 L620 380 L620 420 L180 420 Z M260 380 L260 280 L300 280 L300 380 M320 380 L320 300 L350 300 L350 380 M450 380 Q450 320 500 320 Q550 320 550 380",
  basket: "M220 340 L580 340 L540 610 L260 610 Z M220 340 Q400 160 580 340 M240 420 L560 420 M250 500 L550 500",
  mirror: "M200 380 A200 200 0 1 0 600 380 A200 200 0 1 0 200 380 Z M320 300 L360 260 M300 360 L400 260",
  bookends:
    "M220 600 L220 300 L300 300 L300 560 L360 560 L360 600 Z M580 600 L580 300 L500 300 L500 560 L440 560 L440 600 Z M320 330 L350 330 L350 560 L320 560 Z M450 320 L480 320 L480 560 L450 560 Z",
};

function hsl(hue: number, saturation: number, lightness: number): string {
  return `hsl(${hue} ${saturation}% ${lightness}%)`;
}

// `colorFill` draws the product in one of its option colours (its per-option image).
function productSvg(glyph: Glyph, hue: number, variant: number, colorFill?: string): string {
  const bg1 = hsl(hue, 45, variant === 1 ? 92 : 86);
  const bg2 = hsl((hue + 30) % 360, 50, variant === 1 ? 82 : 74);
  const ink = hsl(hue, 45, 28);
  const fill = colorFill ?? hsl(hue, 55, variant === 1 ? 55 : 62);
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
    for (const color of new Set(product.variants.map((variant) => variant.color).filter((c) => c !== null))) {
      const colorFill = COLOR_FILLS[color];
      if (!colorFill) throw new Error(`No art colour for ${color}`);
      writeFileSync(
        path.join(publicDir, colorImagePathFor(store.slug, product.slug, color)),
        productSvg(product.glyph, product.hue, 1, colorFill),
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
