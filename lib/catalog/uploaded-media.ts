import "server-only";
import { randomBytes } from "node:crypto";
import type { TenantDb } from "@/lib/db";
import { DomainError } from "@/lib/security/domain-error";
import { inspectImage, MAX_IMAGE_BYTES, type ImageInfo } from "./image-upload";
import { deleteMedia, writeMedia } from "./media-storage";

// One way in and one way out for a store's uploaded images (product images and the store's logo):
// the same byte checks, the same storage, the same clean-up.

/**
 * Checks an upload by its bytes (PNG, JPEG or WebP up to 2 MB; SVG and anything else refused),
 * stores it under a random key and records it as this store's media. Returns its public path.
 */
export async function saveUploadedImage(
  db: TenantDb,
  tenantId: string,
  file: File,
): Promise<{ path: string; info: ImageInfo; bytes: number }> {
  if (file.size > MAX_IMAGE_BYTES) throw new DomainError(400, "Images can be at most 2 MB.");
  const bytes = new Uint8Array(await file.arrayBuffer());
  const info = inspectImage(bytes);
  if (!info) throw new DomainError(415, "Upload a PNG, JPEG or WebP image (SVG and other formats are not accepted).");
  const key = `${randomBytes(16).toString("hex")}.${info.extension}`;
  await writeMedia(key, bytes);
  await db.mediaFile.create({
    data: { tenantId, key, contentType: info.type, bytes: bytes.length, width: info.width, height: info.height },
  });
  return { path: `/media/${key}`, info, bytes: bytes.length };
}

/**
 * Removes an uploaded file once nothing of this store points at it any more, so it stops being
 * public at /media/<key>. Seeded art under /assets is not ours to delete.
 */
export async function removeUploadedImageIfUnused(db: TenantDb, path: string | null): Promise<void> {
  const key = path ? /^\/media\/([^/]+)$/.exec(path)?.[1] : undefined;
  if (!key) return;
  const mediaPath = `/media/${key}`;
  const stillUsed =
    (await db.productImage.count({ where: { path: mediaPath } })) > 0 ||
    (await db.tenant.count({ where: { logoPath: mediaPath } })) > 0;
  if (stillUsed) return;
  await db.mediaFile.deleteMany({ where: { key } });
  await deleteMedia(key);
}
