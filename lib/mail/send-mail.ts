import "server-only";
import { getPlatformDb, type DbTransaction } from "@/lib/db";
import { logEvent } from "@/lib/telemetry/logger";
import { renderHtml, renderText, toHeaderText, type MailBody } from "./mail-content";

export type { MailBody } from "./mail-content";
export type MailMessage = { tenantId: string; to: string; subject: string; body: MailBody };

/**
 * One mailbox, nothing a mail library would read as a list or a display name: a comma or a
 * semicolon in an address must never add a second recipient to a mail that carries a link.
 */
export function isSingleMailbox(address: string): boolean {
  return (
    address.length <= 254 && /^[^\s@,;:<>()[\]\\"]{1,64}@[^\s@,;:<>()[\]\\"]+\.[^\s@,;:<>()[\]\\"]{2,}$/u.test(address)
  );
}

/**
 * Queues a message in the outbox, rendered as text and HTML. The delivery worker
 * (delivery-worker.ts) sends it; in development without SMTP_URL the outbox is the inbox at
 * /dev/mailbox. Neither body is logged: they carry links with one-time tokens.
 */
export async function sendMail(message: MailMessage, tx?: DbTransaction): Promise<void> {
  if (!isSingleMailbox(message.to)) {
    // Not an address a mail can go to safely; the caller's answer stays the same either way.
    logEvent("warn", "mail_refused_address", { tenantId: message.tenantId });
    return;
  }
  const subject = toHeaderText(message.subject);
  // Inside a transaction the mail is queued with it: sent only if the change it reports commits.
  const db = tx ?? (await getPlatformDb());
  const row = await db.outboundEmail.create({
    data: {
      tenantId: message.tenantId,
      to: message.to,
      subject,
      text: renderText(message.body),
      html: renderHtml(subject, message.body),
    },
  });
  logEvent("info", "mail_queued", { id: row.id, tenantId: message.tenantId });
}

/** The store's outbox, newest first: the development mailbox. */
export async function listRecentMail(tenantId: string, limit = 20) {
  const db = await getPlatformDb();
  return db.outboundEmail.findMany({
    where: { tenantId },
    orderBy: { createdAt: "desc" },
    take: limit,
    select: { id: true, to: true, subject: true, text: true, status: true, createdAt: true },
  });
}
