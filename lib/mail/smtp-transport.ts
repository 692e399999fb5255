import "server-only";
import nodemailer from "nodemailer";

// The one place that reads SMTP_URL's parts. The URL holds the relay's password (and with many
// providers the user name is an API key), so what is ever printed is the redacted form, and every
// failure text that leaves this module goes through redactFailure first.

/** What the worker needs of a transport: nodemailer's, or a test double. */
export type MailTransport = {
  sendMail(message: {
    from: { name: string; address: string };
    to: string;
    replyTo?: string;
    subject: string;
    text: string;
    html: string;
    messageId: string;
    envelope: { from: string; to: string[] };
    headers: Record<string, string>;
  }): Promise<unknown>;
  close?(): void;
};

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);

/** `smtp://***@host:port`: enough to tell which relay, nothing to log in with. */
export function redactSmtpUrl(smtpUrl: string): string {
  const url = new URL(smtpUrl);
  const who = url.username || url.password ? "***@" : "";
  return `${url.protocol}//${who}${url.host}`;
}

/** The strings that must never appear in a log line or an error kept in the database. */
export function smtpSecrets(smtpUrl: string | undefined): string[] {
  if (!smtpUrl) return [];
  const url = new URL(smtpUrl);
  const values = [smtpUrl, url.password, url.username];
  for (const value of [url.password, url.username]) {
    try {
      values.push(decodeURIComponent(value));
    } catch {
      // a malformed escape is already in the list as written
    }
  }
  // Longest first, so a password is replaced whole before a user name inside it.
  return [...new Set(values.filter((value) => value.length >= 3))].sort((a, b) => b.length - a.length);
}

/**
 * A transport failure as it may be stored and shown to administrators: its code and the server's
 * reply, with the relay's credentials, any URL's user part and any link token taken out.
 */
export function redactFailure(error: unknown, secrets: string[]): string {
  const record = (typeof error === "object" && error ? error : {}) as Record<string, unknown>;
  const code = typeof record.code === "string" ? record.code : "ERROR";
  const responseCode = typeof record.responseCode === "number" ? ` ${record.responseCode}` : "";
  let message = error instanceof Error ? error.message : String(error);
  for (const secret of secrets) message = message.split(secret).join("[redacted]");
  message = message
    .replace(/\/\/[^/\s@]+@/g, "//[redacted]@")
    .replace(/([?&](?:token|t)=)[^\s&"'<>]+/gi, "$1[redacted]")
    .replace(/[\r\n]+/g, " ");
  return `${code}${responseCode}: ${message}`.slice(0, 300);
}

/**
 * nodemailer over SMTP from the URL's parts. smtps:// is TLS from the first byte; smtp:// upgrades
 * with STARTTLS, which is required for any relay that is not on this machine, so reset links and
 * the password never cross a network in clear text.
 */
export function createSmtpTransport(smtpUrl: string): MailTransport {
  const url = new URL(smtpUrl);
  const secure = url.protocol === "smtps:";
  const transport = nodemailer.createTransport({
    host: url.hostname.replace(/^\[|\]$/g, ""),
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    requireTLS: !secure && !LOOPBACK.has(url.hostname),
    ...(url.username
      ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } }
      : {}),
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
    // nodemailer's own logger would print the conversation, the AUTH step included.
    logger: false,
    debug: false,
  });
  return { sendMail: (message) => transport.sendMail(message), close: () => transport.close() };
}
