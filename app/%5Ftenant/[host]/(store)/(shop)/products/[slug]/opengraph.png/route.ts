import { z } from "zod";
import { getProductBySlug } from "@/lib/catalog";
import { readArtAsDataUrl, renderProductOpenGraphImage } from "@/lib/catalog/open-graph-image";
import { guardedRoute } from "@/lib/guard/guard";
import { DomainError } from "@/lib/security/domain-error";

/** GET /products/<slug>/opengraph.png: the product's link-preview card; 404 for a product not on sale here. */
export const GET = guardedRoute(
  {
    name: "product.open-graph-image",
    access: "public",
    schema: z.object({ slug: z.string().min(1).max(120) }),
  },
  async (input, { tenant, db }) => {
    const product = await getProductBySlug(tenant.id, input.slug);
    if (!product) throw new DomainError(404, "Not found.");
    return renderProductOpenGraphImage(
      tenant,
      product,
      await readArtAsDataUrl(db, product.images.find((image) => image.variantId === null)?.path),
    );
  },
);
