import { afterAll, beforeAll, beforeEach } from "vitest";
import { registerAccount, registrationSchema } from "@/lib/identity/registration";
import { drainOutbox } from "@/lib/mail/delivery-worker";
import type { DeliveryPolicy } from "@/lib/mail/outbox";
import { createSmtpTransport, smtpSecrets, type MailTransport } from "@/lib/mail/smtp-transport";
import { findTenantByHost, type TenantDto } from "@/lib/tenancy";
import { getDb } from "./db";
import { decodeWords, startSmtpSink, type SmtpSink } from "./smtp-sink";

// What the mail delivery tests share: a real SMTP server in this process, a transport to it, a
// short delivery policy, and an empty queue at the start of every case.

export const meta = { ip: "203.0.113.9", userAgent: "vitest", route: "/test" };
export const origin = "http://localhost:3000";
export const FROM = "shop@bulwark.test";
export const policy: DeliveryPolicy = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000, leaseMs: 60_000 };

export type MailHarness = {
  sink: SmtpSink;
  transport: MailTransport;
  northwind: TenantDto;
  lumen: TenantDto;
  drain(now?: Date, workerId?: string, transport?: MailTransport): ReturnType<typeof drainOutbox>;
  register(tenant: TenantDto, email: string): Promise<string>;
  header(mail: SmtpSink["received"][number], name: string): string;
  copiesOf(id: string): SmtpSink["received"];
};

/** Registers the hooks; the returned object is filled in before the first case runs. */
export function setUpMailHarness(): MailHarness {
  const h = {} as MailHarness;
  h.drain = (now = new Date(), workerId = "worker-a", transport = h.transport) =>
    drainOutbox({ transport, workerId, fromAddress: FROM, now, policy, batch: 50, secrets: smtpSecrets(h.sink.url) });
  h.register = (tenant, email) =>
    registerAccount(
      tenant,
      registrationSchema.parse({ name: "Mail Tester", email, password: "lantern orbit velvet cactus", website: "" }),
      meta,
      origin,
    );
  h.header = (mail, name) => decodeWords(mail.headers.get(name)?.[0] ?? "");
  h.copiesOf = (id) => h.sink.received.filter((mail) => h.header(mail, "message-id") === `<${id}@bulwark.test>`);

  beforeAll(async () => {
    h.sink = await startSmtpSink();
    h.transport = createSmtpTransport(h.sink.url);
    h.northwind = (await findTenantByHost("localhost"))!;
    h.lumen = (await findTenantByHost("lumen.localhost"))!;
  });

  afterAll(async () => {
    h.transport.close?.();
    await h.sink.close();
  });

  beforeEach(async () => {
    // Each case starts from an empty queue: earlier cases' mail is out of the way.
    const db = await getDb();
    await db.outboundEmail.updateMany({ where: { status: { in: ["PENDING", "SENDING"] } }, data: { status: "SENT" } });
    h.sink.mode = "accept";
    h.sink.received.length = 0;
  });
  return h;
}
