import "server-only";
import { z } from "zod";
import type { TenantDb } from "@/lib/db";
import { recordAudit, type AuditActor } from "@/lib/telemetry/audit";
import { swapStoreLogoPath } from "@/lib/tenancy/store-settings";
import { removeUploadedImageIfUnused, saveUploadedImage } from "./uploaded-media";

// The store's logo: uploaded and checked exactly like a product image, stored as this store's
// media, and the file it replaces (or removes) deleted so it stops being public.

export const uploadLogoSchema = z.object({ file: z.instanceof(File, { error: "Choose an image file." }) }).strict();
export const removeLogoSchema = z.object({}).strict();

export async function setStoreLogo(db: TenantDb, actor: AuditActor, file: File): Promise<{ path: string }> {
  const upload = await saveUploadedImage(db, actor.tenantId, file);
  const previous = await swapStoreLogoPath(actor.tenantId, upload.path);
  await removeUploadedImageIfUnused(db, previous);
  await recordAudit(db, actor, {
    action: "store.logo_set",
    entity: "Tenant",
    entityId: actor.tenantId,
    details: { bytes: upload.bytes, type: upload.info.type, replaced: previous !== null },
  });
  return { path: upload.path };
}

export async function removeStoreLogo(db: TenantDb, actor: AuditActor): Promise<void> {
  const previous = await swapStoreLogoPath(actor.tenantId, null);
  await removeUploadedImageIfUnused(db, previous);
  if (previous)
    await recordAudit(db, actor, { action: "store.logo_removed", entity: "Tenant", entityId: actor.tenantId });
}
