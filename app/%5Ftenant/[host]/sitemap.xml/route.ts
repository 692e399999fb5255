import { listCategories, listProductSlugsForSitemap } from "@/lib/catalog";
import { z } from "zod";
import { guardedRoute } from "@/lib/guard/guard";
import { getCanonicalOrigin } from "@/lib/tenancy/store-origin";

const escapeXml = (value: string) =>
  value.replace(/[<>&'"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", "'": "&apos;", '"': "&quot;" })[c] ?? c);

export const GET = guardedRoute(
  { name: "sitemap", access: "public", schema: z.object({}) },
  async (_input, { tenant }) => {
    const origin = await getCanonicalOrigin(tenant);
    const [categories, products] = await Promise.all([
      listCategories(tenant.id),
      listProductSlugsForSitemap(tenant.id),
    ]);
    const urls = [
      `<url><loc>${escapeXml(origin)}/</loc></url>`,
      `<url><loc>${escapeXml(origin)}/products</loc></url>`,
      ...categories.map((c) => `<url><loc>${escapeXml(`${origin}/categories/${c.slug}`)}</loc></url>`),
      ...products.map(
        (p) =>
          `<url><loc>${escapeXml(`${origin}/products/${p.slug}`)}</loc><lastmod>${p.updatedAt.toISOString()}</lastmod></url>`,
      ),
    ];
    const body = `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
    return new Response(body, { headers: { "Content-Type": "application/xml; charset=utf-8" } });
  },
);
