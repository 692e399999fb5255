import { z } from "zod";
import { readStoreMedia } from "@/lib/catalog/media-storage";
import { DomainError } from "@/lib/security/domain-error";
import { MEDIA_CONTENT_SECURITY_POLICY } from "@/lib/security/headers";
import { guardedRoute } from "@/lib/guard/guard";

/**
 * GET /media/<key>: an uploaded image of this store only. Served with the type recorded at upload
 * (checked from its bytes then), nosniff and a sandboxing CSP, so a file can never run as a page.
 */
export const GET = guardedRoute(
  { name: "media.read", access: "public", schema: z.object({ file: z.string().min(1).max(60) }) },
  async (input, { db }) => {
    const media = await readStoreMedia(db, input.file);
    if (!media) throw new DomainError(404, "Not found.");
    return new Response(new Uint8Array(media.bytes), {
      headers: {
        "Content-Type": media.contentType,
        // Next.js would drop Content-Length; the server restores it from this (scripts/server.mjs).
        "X-Bulwark-Content-Length": String(media.bytes.length),
        // Short: a merchant who removes an image expects it gone from shared caches soon too.
        "Cache-Control": "public, max-age=300",
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": MEDIA_CONTENT_SECURITY_POLICY,
      },
    });
  },
);
