import "server-only";
import { randomBytes } from "node:crypto";
import { hostname } from "node:os";
import { getServerConfig } from "@/lib/env/server-config";
import { logEvent } from "@/lib/telemetry/logger";
import { toHeaderText } from "./mail-content";
import {
  claimDueMail,
  DEFAULT_DELIVERY_POLICY,
  markFailed,
  markSent,
  type ClaimedMail,
  type DeliveryPolicy,
} from "./outbox";
import { isSingleMailbox } from "./send-mail";
import { createSmtpTransport, redactFailure, redactSmtpUrl, smtpSecrets, type MailTransport } from "./smtp-transport";

// Drains the outbox through a transport. Delivery is at-least-once: a row is marked sent only
// after the relay accepted it, so a process that dies between the two leaves the row SENDING and
// it is sent again when its lease ends. Losing a confirmation or an order link is worse than a
// second copy, and each copy carries the same Message-ID so mail clients can fold them together.

export type DrainOptions = {
  transport: MailTransport;
  workerId: string;
  fromAddress: string;
  now?: Date;
  batch?: number;
  policy?: DeliveryPolicy;
  /** Strings to take out of any error kept or logged (the relay's credentials). */
  secrets?: string[];
};

export type DrainResult = { sent: number; retried: number; dead: number };

function buildMessage(mail: ClaimedMail, fromAddress: string) {
  const domain = fromAddress.split("@")[1] ?? "localhost";
  const replyTo =
    mail.tenant.mailReplyTo && isSingleMailbox(mail.tenant.mailReplyTo) ? mail.tenant.mailReplyTo : undefined;
  return {
    from: { name: toHeaderText(mail.tenant.mailSenderName || mail.tenant.name, 80), address: fromAddress },
    to: mail.to,
    ...(replyTo ? { replyTo } : {}),
    subject: mail.subject,
    text: mail.text,
    html: mail.html,
    // Stable per row: a copy sent again after a crash is recognisably the same message.
    messageId: `<${mail.id}@${domain}>`,
    // The envelope is ours, never parsed out of a header.
    envelope: { from: fromAddress, to: [mail.to] },
    headers: { "Auto-Submitted": "auto-generated" },
  };
}

/**
 * One pass: claim one due message at a time, send it, record the outcome; up to `batch` messages.
 * One at a time, so a lease starts when its send does: a slow relay cannot run a batch's later
 * leases out before their turn and let another worker send them too.
 */
export async function drainOutbox(options: DrainOptions): Promise<DrainResult> {
  const policy = options.policy ?? DEFAULT_DELIVERY_POLICY;
  const result: DrainResult = { sent: 0, retried: 0, dead: 0 };
  for (let i = 0; i < (options.batch ?? 10); i++) {
    const now = options.now ?? new Date();
    const [mail] = await claimDueMail(options.workerId, now, 1, policy);
    if (!mail) break;
    const base = { id: mail.id, tenantId: mail.tenant.id, attempt: mail.attempts };
    try {
      if (!isSingleMailbox(mail.to))
        throw Object.assign(new Error("Recipient is not a single mailbox."), { code: "EADDRESS" });
      await options.transport.sendMail(buildMessage(mail, options.fromAddress));
    } catch (error) {
      const reason = redactFailure(error, options.secrets ?? []);
      const outcome = await markFailed(mail, options.workerId, reason, now, policy);
      if (outcome === "dead") result.dead++;
      else result.retried++;
      logEvent(outcome === "dead" ? "error" : "warn", outcome === "dead" ? "mail_dead_lettered" : "mail_send_failed", {
        ...base,
        error: reason,
      });
      continue;
    }
    const recorded = await markSent(mail.id, options.workerId, new Date());
    result.sent++;
    logEvent(recorded ? "info" : "warn", recorded ? "mail_sent" : "mail_sent_after_lease_lost", base);
  }
  return result;
}

const POLL_MS = 5_000;

type WorkerState = { timer: ReturnType<typeof setInterval>; stop(): Promise<void> };
const globalForWorker = globalThis as unknown as { bulwarkMailWorker?: WorkerState };

/**
 * Starts this process's delivery loop (instrumentation.ts calls it on the Node runtime): a pass
 * every few seconds, never two at once in one process; claims keep several processes apart.
 * Without SMTP_URL nothing is sent and the outbox keeps every message (development: /dev/mailbox).
 */
export function startDeliveryWorker(): WorkerState | null {
  if (globalForWorker.bulwarkMailWorker) return globalForWorker.bulwarkMailWorker;
  const config = getServerConfig();
  if (!config.SMTP_URL) {
    if (config.NODE_ENV === "production") {
      logEvent("warn", "mail_delivery_off", { reason: "SMTP_URL is not set (demo mode): mail stays in the outbox" });
    }
    return null;
  }
  const transport = createSmtpTransport(config.SMTP_URL);
  const options = {
    transport,
    workerId: `${hostname()}:${process.pid}:${randomBytes(4).toString("hex")}`,
    fromAddress: config.MAIL_FROM_ADDRESS ?? "no-reply@localhost",
    secrets: smtpSecrets(config.SMTP_URL),
  };
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = drainOutbox(options)
      .catch((error: unknown) =>
        logEvent("error", "mail_worker_failed", { error: redactFailure(error, options.secrets) }),
      )
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, POLL_MS);
  timer.unref();
  tick();
  logEvent("info", "mail_delivery_on", { relay: redactSmtpUrl(config.SMTP_URL), workerId: options.workerId });
  const state: WorkerState = {
    timer,
    async stop() {
      clearInterval(timer);
      await running;
      transport.close?.();
      globalForWorker.bulwarkMailWorker = undefined;
    },
  };
  globalForWorker.bulwarkMailWorker = state;
  return state;
}
