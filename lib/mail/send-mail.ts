import "server-only";
import { getPlatformDb, type DbTransaction } from "@/lib/db";
import { logEvent } from "@/lib/telemetry/logger";

export type MailMessage = { tenantId: string; to: string; subject: string; text: string };

/**
 * Records a message in the outbox. The outbox is the delivery queue for a mail transport and,
 * in development, the inbox shown at /dev/mailbox. The text is not logged: it carries links
 * with one-time tokens.
 */
export async function sendMail(message: MailMessage, tx?: DbTransaction): Promise<void> {
  // Inside a transaction the mail is queued with it: sent only if the change it reports commits.
  const db = tx ?? (await getPlatformDb());
  const row = await db.outboundEmail.create({ data: message });
  logEvent("info", "mail_queued", { id: row.id, tenantId: message.tenantId, subject: message.subject });
}

export async function listRecentMail(tenantId: string, limit = 20) {
  const db = await getPlatformDb();
  return db.outboundEmail.findMany({
    where: { tenantId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, to: true, subject: true, text: true, createdAt: true },
  });
}
