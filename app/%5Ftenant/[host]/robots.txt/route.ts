import { findStoreForRequest, getStoreOrigin } from "@/lib/tenancy";

type Context = { params: Promise<{ host: string }> };

export async function GET(request: Request, { params }: Context) {
  const tenant = await findStoreForRequest(request, (await params).host);
  if (!tenant) return new Response("Not found", { status: 404 });
  const origin = await getStoreOrigin(tenant);
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
}
