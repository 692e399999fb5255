import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

// A real SMTP server in the test process (the smtp-server package) on a random free port: it
// requires AUTH with a user and password, records every message it accepts with its envelope, and
// can be told to refuse recipients (a permanent 550 or a temporary 451) to test retries.

export type ReceivedMail = {
  envelopeFrom: string;
  envelopeTo: string[];
  raw: string;
  headers: Map<string, string[]>;
  text: string;
  html: string;
};

export type SmtpSink = {
  url: string;
  port: number;
  password: string;
  received: ReceivedMail[];
  authFailures: number;
  mode: "accept" | "reject-permanent" | "reject-temporary";
  close(): Promise<void>;
};

function decodeQuotedPrintable(body: string): string {
  const bytes = body
    .replace(/=\r?\n/g, "")
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(bytes, "latin1").toString("utf8");
}

function decodeBody(headers: Map<string, string[]>, body: string): string {
  const encoding = (headers.get("content-transfer-encoding")?.[0] ?? "").toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
  return body;
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=), as a mail client shows them. */
export function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, "?==?")
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, kind: string, text: string) =>
      kind.toUpperCase() === "B"
        ? Buffer.from(text, "base64").toString("utf8")
        : decodeQuotedPrintable(text.replace(/_/g, " ")),
    );
}

function splitHeaders(part: string): { headers: Map<string, string[]>; body: string } {
  const end = part.search(/\r?\n\r?\n/);
  const head = end === -1 ? part : part.slice(0, end);
  const body = end === -1 ? "" : part.slice(end).replace(/^\r?\n\r?\n/, "");
  const headers = new Map<string, string[]>();
  for (const line of head.replace(/\r?\n[ \t]+/g, " ").split(/\r?\n/)) {
    const colon = line.indexOf(":");
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    headers.set(name, [...(headers.get(name) ?? []), line.slice(colon + 1).trim()]);
  }
  return { headers, body };
}

export function parseMail(raw: string): Pick<ReceivedMail, "headers" | "text" | "html"> {
  const { headers, body } = splitHeaders(raw);
  const boundary = /boundary="?([^";]+)"?/i.exec(headers.get("content-type")?.[0] ?? "")?.[1];
  let text = "";
  let html = "";
  const parts = boundary ? body.split(`--${boundary}`).slice(1, -1) : [raw];
  for (const chunk of parts) {
    const part = splitHeaders(chunk.replace(/^\r?\n/, ""));
    const type = (part.headers.get("content-type")?.[0] ?? "text/plain").toLowerCase();
    // SMTP carries CRLF line ends; compare with the body as written (LF).
    const decoded = decodeBody(part.headers, part.body).replace(/\r\n/g, "\n").replace(/\n$/, "");
    if (type.startsWith("text/html")) html = decoded;
    else if (type.startsWith("text/plain")) text = decoded;
  }
  return { headers, text, html };
}

export async function startSmtpSink(
  host = "127.0.0.1",
  options: { port?: number; password?: string } = {},
): Promise<SmtpSink> {
  const password = options.password ?? `sink-Pa55:${Math.random().toString(36).slice(2)}`;
  const sink = { received: [] as ReceivedMail[], authFailures: 0, mode: "accept" } as SmtpSink;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: ["STARTTLS"],
    allowInsecureAuth: true,
    authMethods: ["PLAIN", "LOGIN"],
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === "shop-mailer" && auth.password === password) return callback(null, { user: "shop" });
      sink.authFailures++;
      return callback(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onRcptTo(_address, _session, callback) {
      if (sink.mode === "reject-permanent")
        return callback(Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 }));
      if (sink.mode === "reject-temporary")
        return callback(Object.assign(new Error("Try again later"), { responseCode: 451 }));
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        sink.received.push({
          envelopeFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          envelopeTo: session.envelope.rcptTo.map((to) => to.address),
          raw,
          ...parseMail(raw),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const port = (server.server.address() as AddressInfo).port;
  sink.port = port;
  sink.password = password;
  sink.url = `smtp://shop-mailer:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}

/** A free port with nothing listening on it: a relay that is down. */
export async function closedPort(): Promise<number> {
  const { createServer } = await import("node:net");
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const port = (probe.address() as AddressInfo).port;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
