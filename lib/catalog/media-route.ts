import "server-only";
import { getTenantDb } from "@/lib/db";
import { findStoreForRequest } from "@/lib/tenancy";
import { readMedia } from "./media-storage";

type Context = { params: Promise<{ host: string; file: string }> };

/**
 * GET /media/<key>: an uploaded image of this store only. Served with the type recorded at upload
 * (checked from its bytes then), nosniff and a sandboxing CSP, so a file can never run as a page.
 */
export async function serveMedia(request: Request, { params }: Context): Promise<Response> {
  const { host, file } = await params;
  const tenant = await findStoreForRequest(request, host);
  if (!tenant || file.length > 60) return new Response("Not found", { status: 404 });
  const db = await getTenantDb(tenant.id);
  const media = await db.mediaFile.findFirst({ where: { key: file } });
  const bytes = media ? await readMedia(media.key) : null;
  if (!media || !bytes) return new Response("Not found", { status: 404 });
  return new Response(new Uint8Array(bytes), {
    headers: {
      "Content-Type": media.contentType,
      "Content-Length": String(bytes.length),
      // Short: a merchant who removes an image expects it gone from shared caches soon too.
      "Cache-Control": "public, max-age=300",
      "X-Content-Type-Options": "nosniff",
      "Content-Security-Policy": "default-src 'none'; sandbox",
    },
  });
}
