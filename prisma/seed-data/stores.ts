// Demo catalog for development and tests. Deterministic: the same input always seeds the same
// rows, so the seed is idempotent and tests can name products by slug.

export type Glyph =
  | "jacket"
  | "vest"
  | "pants"
  | "shirt"
  | "boot"
  | "sandal"
  | "pack"
  | "cap"
  | "sock"
  | "glove"
  | "headlamp"
  | "poles"
  | "bottle"
  | "lamp"
  | "candle"
  | "textile"
  | "cushion"
  | "mug"
  | "pan"
  | "pot"
  | "board"
  | "jar"
  | "knife"
  | "plate"
  | "vase"
  | "shelf"
  | "basket"
  | "mirror"
  | "bookends";

export type ProductSeed = {
  slug: string;
  title: string;
  category: string;
  description: string;
  featured: boolean;
  basePriceMinor: number;
  glyph: Glyph;
  hue: number;
  variants: VariantSeed[];
};

export type VariantSeed = {
  sku: string;
  title: string;
  size: string | null;
  color: string | null;
  priceMinor: number;
  stock: number;
};

export type StoreSeed = {
  slug: string;
  name: string;
  currency: string;
  tagline: string;
  description: string;
  accentColor: string;
  hosts: string[];
  categories: { slug: string; name: string; description: string; glyph: Glyph }[];
  products: ProductSeed[];
  /** Where it ships, its shipping options (in its currency), whether Stripe Tax is on, its codes. */
  shipsTo: string[];
  shippingRates: { name: string; amountMinor: number; minDays: number; maxDays: number }[];
  automaticTax: boolean;
  discountCodes: { code: string; percentOff: number }[];
};

export const DEMO_PASSWORD = "correct-horse-battery-staple";

type Row = [
  title: string,
  category: string,
  price: number,
  options: "sizes" | "shoe" | "colors" | "single",
  description: string,
];

const northwindRows: Row[] = [
  [
    "Ridgeline Shell Jacket",
    "jackets",
    189,
    "sizes",
    "A three-layer waterproof shell with taped seams, pit zips and a helmet-ready hood for wet alpine days.",
  ],
  [
    "Harbor Rain Jacket",
    "jackets",
    129,
    "sizes",
    "Packable rain protection for city and trail, with a stowaway hood and reflective trim.",
  ],
  [
    "Cinder Down Parka",
    "jackets",
    279,
    "sizes",
    "Responsibly sourced 700-fill down in a long cut that keeps you warm at the bus stop and the trailhead.",
  ],
  [
    "Tamarack Fleece Jacket",
    "jackets",
    89,
    "sizes",
    "Recycled grid fleece that breathes on the climb and layers under a shell when the wind picks up.",
  ],
  [
    "Squall Insulated Vest",
    "jackets",
    99,
    "sizes",
    "Synthetic insulation that stays warm when damp, cut close for layering.",
  ],
  [
    "Bluff Softshell",
    "jackets",
    149,
    "sizes",
    "Stretch-woven softshell with a brushed lining for cold, dry days of scrambling.",
  ],
  ["Meridian Merino Tee", "tops", 55, "sizes", "Lightweight merino wool tee that resists odour on multi-day trips."],
  [
    "Switchback Flannel Shirt",
    "tops",
    69,
    "sizes",
    "Brushed organic-cotton flannel in a relaxed fit for camp evenings.",
  ],
  ["Basecamp Hoodie", "tops", 75, "sizes", "Heavyweight loopback cotton hoodie with a double-layer hood."],
  ["Ember Thermal Crew", "tops", 49, "sizes", "Waffle-knit thermal base layer that traps warmth without bulk."],
  ["Coastline Sun Hoodie", "tops", 59, "sizes", "UPF 50 sun hoodie with thumb loops for long days on the water."],
  ["Granite Quarter-Zip", "tops", 65, "sizes", "Midweight quarter-zip pullover for shoulder-season runs."],
  [
    "Trailhead Hiking Boot",
    "footwear",
    165,
    "shoe",
    "Waterproof leather hiking boot with a grippy lugged outsole and cushioned midsole.",
  ],
  ["Scree Approach Shoe", "footwear", 139, "shoe", "Sticky-rubber approach shoe for rocky trails and easy scrambles."],
  ["Tideline Sandal", "footwear", 59, "shoe", "Quick-drying strap sandal for rivers, beaches and post-hike recovery."],
  ["Drift Camp Slipper", "footwear", 45, "shoe", "Insulated camp slipper with a packable heel for cold tent mornings."],
  [
    "Summit Trail Runner",
    "footwear",
    129,
    "shoe",
    "Light trail runner with a rock plate and a responsive foam midsole.",
  ],
  [
    "Cascade Daypack 22L",
    "packs",
    95,
    "colors",
    "A 22-litre daypack with a hydration sleeve, hip belt and rain cover.",
  ],
  ["Portage Duffel 60L", "packs", 119, "colors", "Weatherproof duffel with backpack straps and a wide D-zip opening."],
  [
    "Ridgeway Backpack 45L",
    "packs",
    199,
    "colors",
    "Adjustable overnight pack with a ventilated back panel and lid pocket.",
  ],
  [
    "Errand Sling Bag",
    "packs",
    39,
    "colors",
    "Compact sling for keys, phone and snacks, worn across the chest or back.",
  ],
  [
    "Dry Bag Set",
    "packs",
    35,
    "single",
    "Three roll-top dry bags (5, 10 and 20 litres) to keep gear dry in the canoe.",
  ],
  ["Alpine Beanie", "accessories", 29, "colors", "Rib-knit merino beanie that keeps its shape season after season."],
  ["Trail Cap", "accessories", 25, "colors", "Quick-dry five-panel cap with a packable brim."],
  [
    "Hiker Wool Socks (3-pack)",
    "accessories",
    36,
    "sizes",
    "Cushioned merino hiking socks with reinforced heels and toes.",
  ],
  [
    "Glacier Gloves",
    "accessories",
    49,
    "sizes",
    "Insulated gloves with touchscreen fingertips and a waterproof insert.",
  ],
  ["Headlamp 400", "accessories", 45, "single", "A 400-lumen rechargeable headlamp with a red night mode."],
  [
    "Trekking Poles",
    "accessories",
    89,
    "single",
    "Aluminium trekking poles with cork grips and flick-lock adjustment.",
  ],
  [
    "Insulated Bottle 750ml",
    "accessories",
    32,
    "colors",
    "Vacuum-insulated steel bottle that keeps drinks cold for 24 hours.",
  ],
  ["Camp Blanket", "accessories", 79, "colors", "Water-resistant quilted blanket that packs into its own pocket."],
  ["Neck Gaiter", "accessories", 19, "colors", "Stretchy recycled gaiter for sun, wind and dust."],
  ["Summit Rain Pants", "jackets", 119, "sizes", "Full-zip waterproof pants that pull on over boots."],
];

const lumenRows: Row[] = [
  [
    "Halo Pendant Lamp",
    "lighting",
    149,
    "colors",
    "A hand-spun aluminium pendant that throws a soft ring of light over the table.",
  ],
  ["Dune Table Lamp", "lighting", 119, "colors", "Ceramic table lamp with a linen shade and a warm dimmable bulb."],
  [
    "Arc Floor Lamp",
    "lighting",
    249,
    "colors",
    "A slim arching floor lamp that reaches over the sofa without crowding the room.",
  ],
  ["Pebble Night Light", "lighting", 29, "colors", "Rechargeable silicone night light that dims with a tap."],
  ["Lantern Candle Holder", "lighting", 39, "single", "Glass-and-brass lantern for pillar candles, indoors or out."],
  ["Beam Wall Sconce", "lighting", 99, "colors", "Plug-in wall sconce with an adjustable arm for reading corners."],
  [
    "Linen Duvet Cover",
    "textiles",
    159,
    "sizes",
    "Stone-washed European linen duvet cover that softens with every wash.",
  ],
  ["Waffle Bath Towel", "textiles", 35, "colors", "Quick-drying cotton waffle towel with a light, airy hand."],
  ["Chunky Knit Throw", "textiles", 89, "colors", "Oversized hand-knit throw in soft recycled cotton."],
  ["Boucle Cushion", "textiles", 45, "colors", "Textured boucle cushion with a feather-blend insert."],
  ["Jute Rug", "textiles", 129, "sizes", "Hand-woven jute rug that brings warmth to wooden floors."],
  ["Percale Sheet Set", "textiles", 119, "sizes", "Crisp, cool cotton percale sheets for warm sleepers."],
  ["Linen Napkins (set of 4)", "textiles", 32, "colors", "Stone-washed linen napkins that look better creased."],
  ["Stoneware Mug", "kitchen", 18, "colors", "Reactive-glaze stoneware mug, made to be held with both hands."],
  ["Pour-Over Coffee Set", "kitchen", 59, "single", "Ceramic dripper, glass carafe and two cups for a slow morning."],
  ["Cast Iron Skillet", "kitchen", 65, "sizes", "Pre-seasoned cast iron skillet that goes from stovetop to oven."],
  ["Olive Wood Board", "kitchen", 49, "sizes", "Serving and chopping board cut from a single piece of olive wood."],
  ["Enamel Dutch Oven", "kitchen", 189, "colors", "Enamelled cast iron pot for braises, bread and soups."],
  ["Glass Storage Jars", "kitchen", 39, "single", "Set of three borosilicate jars with bamboo lids."],
  ["Chef's Knife", "kitchen", 95, "single", "A 20 cm stainless chef's knife with a walnut handle."],
  ["Speckled Dinner Plates", "kitchen", 72, "colors", "Set of four speckled stoneware plates, dishwasher safe."],
  ["Ribbed Glass Vase", "decor", 42, "colors", "Mouth-blown ribbed glass vase for single stems and small bunches."],
  ["Terracotta Planter", "decor", 38, "sizes", "Unglazed terracotta planter with a drainage dish."],
  ["Oak Wall Shelf", "decor", 85, "sizes", "Solid oak floating shelf with hidden brackets."],
  ["Woven Basket", "decor", 54, "sizes", "Seagrass basket for blankets, toys or firewood."],
  ["Round Wall Mirror", "decor", 139, "sizes", "Thin brass-framed round mirror that brightens a hallway."],
  ["Soy Candle", "decor", 28, "colors", "Hand-poured soy candle with a cotton wick and 50-hour burn."],
  ["Ceramic Bookends", "decor", 46, "colors", "A pair of weighty ceramic bookends in a matte glaze."],
  ["Linen Table Runner", "textiles", 39, "colors", "A long linen runner with a fringed edge."],
  ["Brass Desk Lamp", "lighting", 135, "single", "Solid brass desk lamp with an adjustable head and fabric cord."],
];

/** The colours options are offered in, as the art draws them. */
export const COLOR_FILLS: Record<string, string> = {
  Charcoal: "#3f3f46",
  Forest: "#2f6b3f",
  Sand: "#d8c39a",
  Navy: "#27407a",
  Rust: "#b4532a",
  Ivory: "#efe8d6",
  Sage: "#8fae90",
};

const SIZES = ["S", "M", "L", "XL"];
const SHOE_SIZES = ["40", "41", "42", "43", "44"];
const COLORS = Object.keys(COLOR_FILLS);

function slugify(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Deterministic pseudo-random numbers so reseeding produces the same stock levels. */
function pseudoRandom(seed: number): number {
  const x = Math.sin(seed * 9301 + 49297) * 233280;
  return x - Math.floor(x);
}

// What a product is, read from its title, so its art shows that thing (a skillet is not a mug);
// the first match wins, and the category's drawing is the fallback.
const TITLE_GLYPHS: [RegExp, Glyph][] = [
  [/\bvest\b/i, "vest"],
  [/\bpants\b/i, "pants"],
  [/\b(sandal|slipper)\b/i, "sandal"],
  [/\bsocks?\b/i, "sock"],
  [/\bgloves?\b/i, "glove"],
  [/\bheadlamp\b/i, "headlamp"],
  [/\bpoles\b/i, "poles"],
  [/\bbottle\b/i, "bottle"],
  [/\b(blanket|gaiter)\b/i, "textile"],
  [/\bcandle\b/i, "candle"],
  [/\bcushion\b/i, "cushion"],
  [/\bskillet\b/i, "pan"],
  [/\b(dutch oven|planter)\b/i, "pot"],
  [/\bboard\b/i, "board"],
  [/\bjars?\b/i, "jar"],
  [/\bknife\b/i, "knife"],
  [/\bplates?\b/i, "plate"],
  [/\bshelf\b/i, "shelf"],
  [/\bbasket\b/i, "basket"],
  [/\bmirror\b/i, "mirror"],
  [/\bbookends\b/i, "bookends"],
];

export function glyphFor(title: string, category: string): Glyph {
  return TITLE_GLYPHS.find(([pattern]) => pattern.test(title))?.[1] ?? GLYPHS[category] ?? "vase";
}

const GLYPHS: Record<string, Glyph> = {
  jackets: "jacket",
  tops: "shirt",
  footwear: "boot",
  packs: "pack",
  accessories: "cap",
  lighting: "lamp",
  textiles: "textile",
  kitchen: "mug",
  decor: "vase",
};

function buildProducts(storePrefix: string, rows: Row[], minorFactor: number): ProductSeed[] {
  return rows.map(([title, category, price, options, description], index) => {
    const slug = slugify(title);
    const seed = index + storePrefix.length * 100;
    const count = 1 + Math.floor(pseudoRandom(seed) * 4); // 1 to 4 variants
    const soldOut = index % 9 === 4; // a few products with nothing left
    const optionValues: { size: string | null; color: string | null }[] =
      options === "sizes"
        ? SIZES.slice(0, Math.max(2, count)).map((size) => ({ size, color: null }))
        : options === "shoe"
          ? SHOE_SIZES.slice(0, Math.max(2, count)).map((size) => ({ size, color: null }))
          : options === "colors"
            ? COLORS.slice(index % 3, (index % 3) + Math.max(2, Math.min(count, 3))).map((color) => ({
                size: null,
                color,
              }))
            : [{ size: null, color: null }];
    const basePriceMinor = price * minorFactor;
    const variants = optionValues.map((option, position) => {
      const stockRoll = pseudoRandom(seed * 7 + position);
      const stock = soldOut ? 0 : stockRoll < 0.15 ? 0 : stockRoll < 0.3 ? 2 : Math.floor(stockRoll * 40) + 3;
      // Larger sizes cost a little more, as they do in most shops.
      const surcharge = option.size && ["XL", "44"].includes(option.size) ? 5 * minorFactor : 0;
      const label = [option.size, option.color].filter(Boolean).join(" / ") || "Standard";
      return {
        sku: `${storePrefix}-${String(index + 1).padStart(3, "0")}-${slugify(label).toUpperCase()}`,
        title: label,
        size: option.size,
        color: option.color,
        priceMinor: basePriceMinor + surcharge,
        stock,
      };
    });
    return {
      slug,
      title,
      category,
      description,
      featured: index % 4 === 0,
      basePriceMinor,
      glyph: glyphFor(title, category),
      hue: Math.floor(pseudoRandom(seed + 3) * 360),
      variants,
    };
  });
}

export const STORES: StoreSeed[] = [
  {
    slug: "northwind",
    name: "Northwind Outfitters",
    currency: "USD",
    tagline: "Gear for the long way round.",
    description: "Outdoor clothing and equipment, tested on wet ridgelines and long portages.",
    accentColor: "#0f766e",
    hosts: ["localhost", "northwind.localhost", "127.0.0.1"],
    categories: [
      { slug: "jackets", name: "Jackets & Shells", description: "Shells, insulation and rain gear.", glyph: "jacket" },
      { slug: "tops", name: "Tops & Layers", description: "Base layers, tees and hoodies.", glyph: "shirt" },
      { slug: "footwear", name: "Footwear", description: "Boots, trail runners and camp shoes.", glyph: "boot" },
      { slug: "packs", name: "Packs & Bags", description: "Daypacks, duffels and dry bags.", glyph: "pack" },
      { slug: "accessories", name: "Accessories", description: "Hats, gloves, socks and small gear.", glyph: "cap" },
    ],
    products: buildProducts("NW", northwindRows, 100),
    shipsTo: ["CA", "US"],
    shippingRates: [
      { name: "Standard", amountMinor: 600, minDays: 5, maxDays: 7 },
      { name: "Express", amountMinor: 1800, minDays: 1, maxDays: 2 },
    ],
    automaticTax: true,
    discountCodes: [{ code: "WELCOME10", percentOff: 10 }],
  },
  {
    slug: "lumen",
    name: "Lumen Home",
    currency: "EUR",
    tagline: "Quiet things for bright rooms.",
    description: "Lighting, textiles and kitchenware chosen to last, from small European workshops.",
    accentColor: "#b45309",
    hosts: ["lumen.localhost"],
    categories: [
      { slug: "lighting", name: "Lighting", description: "Pendants, lamps and candles.", glyph: "lamp" },
      { slug: "textiles", name: "Textiles", description: "Bedding, throws, towels and rugs.", glyph: "textile" },
      { slug: "kitchen", name: "Kitchen & Dining", description: "Cookware, tableware and coffee.", glyph: "mug" },
      { slug: "decor", name: "Decor", description: "Vases, shelves, mirrors and baskets.", glyph: "vase" },
    ],
    products: buildProducts("LH", lumenRows, 100),
    shipsTo: ["AT", "BE", "DE", "FR", "IE", "IT", "LU", "NL", "PT", "ES"],
    shippingRates: [
      { name: "Standard", amountMinor: 490, minDays: 3, maxDays: 5 },
      { name: "Express", amountMinor: 1200, minDays: 1, maxDays: 2 },
    ],
    automaticTax: false,
    discountCodes: [],
  },
];

/** The platform tenant (made by a migration); it answers on PLATFORM_HOST (admin.localhost in development). */
export const PLATFORM = {
  slug: "platform",
  name: "Bulwark Platform",
};

export type DemoAccount = {
  store: string;
  email: string;
  name: string;
  role: "CUSTOMER" | "MERCHANT" | "ADMINISTRATOR";
  /** A merchant's place in the store's team. */
  storeRole?: "OWNER" | "STAFF";
};

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { store: "northwind", email: "shopper@northwind.test", name: "Sam Shopper", role: "CUSTOMER" },
  { store: "northwind", email: "merchant@northwind.test", name: "Nora Merchant", role: "MERCHANT", storeRole: "OWNER" },
  { store: "lumen", email: "shopper@lumen.test", name: "Lea Shopper", role: "CUSTOMER" },
  { store: "lumen", email: "merchant@lumen.test", name: "Luca Merchant", role: "MERCHANT", storeRole: "OWNER" },
  { store: "platform", email: "admin@bulwark.test", name: "Ada Administrator", role: "ADMINISTRATOR" },
];

export function imagePathFor(storeSlug: string, productSlug: string, n: number): string {
  return `/assets/catalog/${storeSlug}/${productSlug}-${n}.svg`;
}

/** The art of one colour of a product: shown when a shopper picks that colour. */
export function colorImagePathFor(storeSlug: string, productSlug: string, color: string): string {
  return `/assets/catalog/${storeSlug}/${productSlug}-${slugify(color)}.svg`;
}
