import { z } from "zod";
import { readArtAsDataUrl, renderStoreOpenGraphImage } from "@/lib/catalog/open-graph-image";
import { guardedRoute } from "@/lib/guard/guard";

/** GET /opengraph.png: the store's link-preview card (its logo, name and tagline). */
export const GET = guardedRoute(
  { name: "store.open-graph-image", access: "public", schema: z.object({}) },
  async (_input, { tenant, db }) =>
    renderStoreOpenGraphImage(tenant, await readArtAsDataUrl(db, tenant.logoPath ?? undefined)),
);
