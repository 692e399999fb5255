import { z } from "zod";
import { guardedRoute } from "@/lib/guard/guard";
import { getCanonicalOrigin } from "@/lib/tenancy/store-origin";

export const GET = guardedRoute(
  { name: "robots", access: "public", schema: z.object({}) },
  async (_input, { tenant }) => {
    const origin = await getCanonicalOrigin(tenant);
    // Account, checkout and search pages have no value in an index.
    const body = [
      "User-agent: *",
      "Allow: /",
      "Disallow: /search",
      "Disallow: /account",
      "Disallow: /checkout",
      "Disallow: /dashboard",
      "Disallow: /api/",
      `Sitemap: ${origin}/sitemap.xml`,
      "",
    ].join("\n");
    return new Response(body, { headers: { "Content-Type": "text/plain; charset=utf-8" } });
  },
);
