import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { ImageResponse } from "next/og";
import type { TenantDb } from "@/lib/db";
import { readStoreMedia } from "./media-storage";
import { formatMoney } from "./money";
import { OPEN_GRAPH_SIZE } from "./open-graph-size";
import type { ProductDetailDto } from "./types";

// The PNG a link preview shows when a product or a store is shared (Open Graph, 1200 × 630).
// Drawn from our own rows with the font bundled in next/og, so nothing is fetched. Art is inlined
// as a data URL: only the seeded SVGs under public/assets/catalog and this store's own uploads
// (PNG or JPEG; the renderer cannot draw WebP), never a path the request chose.

type StoreLook = { name: string; tagline: string; accentColor: string; currency: string; locale?: string };

const SEEDED_ART = /^\/assets\/catalog\/[a-z0-9-]+\/[a-z0-9-]+\.svg$/;
const UPLOADED = /^\/media\/([A-Za-z0-9_-]{1,60}\.(?:png|jpe?g|webp))$/;
const DRAWABLE = new Set(["image/png", "image/jpeg", "image/svg+xml"]);
const HEX = /^#[0-9a-f]{6}$/i;

/** The art behind an image path as a data URL, or null when it is not ours or cannot be drawn. */
export async function readArtAsDataUrl(db: TenantDb, imagePath: string | undefined): Promise<string | null> {
  if (!imagePath) return null;
  if (SEEDED_ART.test(imagePath)) {
    const bytes = await readFile(path.join(process.cwd(), "public", imagePath)).catch(() => null);
    return bytes ? `data:image/svg+xml;base64,${bytes.toString("base64")}` : null;
  }
  const key = UPLOADED.exec(imagePath)?.[1];
  const media = key ? await readStoreMedia(db, key) : null;
  if (!media || !DRAWABLE.has(media.contentType)) return null;
  return `data:${media.contentType};base64,${media.bytes.toString("base64")}`;
}

// A stored colour is validated on save; anything else falls back so the renderer never sees CSS.
const accentOf = (store: StoreLook) => (HEX.test(store.accentColor) ? store.accentColor : "#1d4ed8");

const cacheHeaders = { "Cache-Control": "public, max-age=600" };

function Frame({ store, children }: { store: StoreLook; children: React.ReactNode }) {
  return (
    <div style={{ display: "flex", width: "100%", height: "100%", background: "#fafaf9", color: "#1c1917" }}>
      <div style={{ display: "flex", width: 24, height: "100%", background: accentOf(store) }} />
      {children}
    </div>
  );
}

/** A product's card: its art, its store, its title and its price ("from" when options differ). */
export function renderProductOpenGraphImage(store: StoreLook, product: ProductDetailDto, art: string | null) {
  const prices = product.variants.map((variant) => variant.priceMinor);
  const low = prices.length ? Math.min(...prices) : null;
  const price =
    low === null
      ? null
      : `${Math.max(...prices) > low ? "from " : ""}${formatMoney(low, store.currency, store.locale)}`;
  return new ImageResponse(
    <Frame store={store}>
      {art ? (
        // eslint-disable-next-line @next/next/no-img-element -- drawn by the image renderer, not a page
        <img src={art} width={582} height={582} alt="" style={{ margin: 24, borderRadius: 24 }} />
      ) : null}
      <div style={{ display: "flex", flexDirection: "column", justifyContent: "center", flex: 1, padding: 48 }}>
        <div style={{ fontSize: 32, color: "#57534e" }}>{store.name}</div>
        <div style={{ fontSize: 64, fontWeight: 700, lineHeight: 1.1, marginTop: 16 }}>{product.title}</div>
        {price ? <div style={{ fontSize: 44, marginTop: 28 }}>{price}</div> : null}
        <div style={{ fontSize: 28, color: "#57534e", marginTop: 16 }}>{product.category.name}</div>
      </div>
    </Frame>,
    { ...OPEN_GRAPH_SIZE, headers: cacheHeaders },
  );
}

/** A store's card: its logo when it has one it can draw, its name and its tagline. */
export function renderStoreOpenGraphImage(store: StoreLook, logo: string | null) {
  return new ImageResponse(
    <Frame store={store}>
      <div style={{ display: "flex", flexDirection: "column", justifyContent: "center", flex: 1, padding: 80 }}>
        {logo ? (
          // eslint-disable-next-line @next/next/no-img-element -- drawn by the image renderer, not a page
          <img src={logo} width={128} height={128} alt="" style={{ borderRadius: 24, marginBottom: 40 }} />
        ) : null}
        <div style={{ fontSize: 80, fontWeight: 700, lineHeight: 1.1 }}>{store.name}</div>
        {store.tagline ? <div style={{ fontSize: 40, color: "#57534e", marginTop: 24 }}>{store.tagline}</div> : null}
      </div>
    </Frame>,
    { ...OPEN_GRAPH_SIZE, headers: cacheHeaders },
  );
}
