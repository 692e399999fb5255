import "server-only";
import { randomBytes } from "node:crypto";
import { getTenantDb } from "@/lib/db";
import { hashPassword, verifyPassword } from "./password";
import { encodeBase32 } from "./totp";

// Recovery codes for a lost authenticator: ten, shown once, each `abcd-efgh-ijkl` (60 bits). The
// first four characters only find the row; the other eight are kept as an argon2id hash, so a
// copy of the database does not give them away, and rotating the server's secret (which retires
// the sealed TOTP keys) leaves them working: they are the way back in.

export const RECOVERY_CODE_COUNT = 10;

function normalize(code: string): string {
  return code.toLowerCase().replace(/[^a-z0-9]/g, "");
}

function createCode(): string {
  const text = encodeBase32(randomBytes(8)).slice(0, 12).toLowerCase();
  return `${text.slice(0, 4)}-${text.slice(4, 8)}-${text.slice(8)}`;
}

/** New codes for the account; the old ones stop working. */
export async function replaceRecoveryCodes(user: { id: string; tenantId: string }): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, createCode);
  const rows = await Promise.all(
    codes.map(async (code) => {
      const plain = normalize(code);
      return {
        tenantId: user.tenantId,
        userId: user.id,
        lookup: plain.slice(0, 4),
        codeHash: await hashPassword(plain.slice(4)),
      };
    }),
  );
  const db = await getTenantDb(user.tenantId);
  await db.$transaction(async (tx) => {
    await tx.recoveryCode.deleteMany({ where: { userId: user.id, tenantId: user.tenantId } });
    await tx.recoveryCode.createMany({ data: rows });
  });
  return codes;
}

/** Uses one recovery code, once: claimed by a conditional update, so two parallel uses let one through. */
export async function redeemRecoveryCode(
  user: { id: string; tenantId: string },
  code: string,
  now: Date,
): Promise<boolean> {
  const plain = normalize(code);
  if (plain.length !== 12) return false;
  const db = await getTenantDb(user.tenantId);
  const candidates = await db.recoveryCode.findMany({
    where: { userId: user.id, tenantId: user.tenantId, lookup: plain.slice(0, 4), usedAt: null },
    take: 3,
  });
  for (const candidate of candidates) {
    if (!(await verifyPassword(candidate.codeHash, plain.slice(4)))) continue;
    const claimed = await db.recoveryCode.updateMany({
      where: { id: candidate.id, tenantId: user.tenantId, usedAt: null },
      data: { usedAt: now },
    });
    return claimed.count === 1;
  }
  return false;
}

export async function countRecoveryCodesLeft(user: { id: string; tenantId: string }): Promise<number> {
  const db = await getTenantDb(user.tenantId);
  return db.recoveryCode.count({ where: { userId: user.id, tenantId: user.tenantId, usedAt: null } });
}

export async function deleteRecoveryCodes(user: { id: string; tenantId: string }): Promise<void> {
  const db = await getTenantDb(user.tenantId);
  await db.recoveryCode.deleteMany({ where: { userId: user.id, tenantId: user.tenantId } });
}
