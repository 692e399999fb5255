import "server-only";
import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { getServerConfig } from "@/lib/env/server-config";

// Uploaded files live outside public/, under MEDIA_DIR (default data/uploads), named by random
// keys; they are served only through /media/<key> on the owning store's host.
function mediaDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), getServerConfig().MEDIA_DIR);
}

const KEY = /^[0-9a-f]{32}\.(png|jpg|webp)$/;

export async function writeMedia(key: string, bytes: Uint8Array): Promise<void> {
  if (!KEY.test(key)) throw new Error("Invalid media key");
  await mkdir(mediaDir(), { recursive: true });
  await writeFile(path.join(mediaDir(), key), bytes, { flag: "wx" });
}

export async function readMedia(key: string): Promise<Buffer | null> {
  if (!KEY.test(key)) return null;
  try {
    return await readFile(path.join(mediaDir(), key));
  } catch {
    return null;
  }
}

/** Removes a stored file; a file already gone is not an error. */
export async function deleteMedia(key: string): Promise<void> {
  if (!KEY.test(key)) return;
  await rm(path.join(mediaDir(), key), { force: true });
}

/** An uploaded image of this store (the tenant client scopes the look-up), or null. */
export async function readStoreMedia(
  db: {
    mediaFile: { findFirst(args: { where: { key: string } }): Promise<{ key: string; contentType: string } | null> };
  },
  key: string,
): Promise<{ contentType: string; bytes: Buffer } | null> {
  if (!KEY.test(key)) return null;
  const media = await db.mediaFile.findFirst({ where: { key } });
  const bytes = media ? await readMedia(media.key) : null;
  return media && bytes ? { contentType: media.contentType, bytes } : null;
}
