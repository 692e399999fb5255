import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { requestPasswordReset, passwordResetRequestSchema } from "@/lib/identity/password-reset";
import { registerAccount, registrationSchema } from "@/lib/identity/registration";
import { drainOutbox } from "@/lib/mail/delivery-worker";
import { claimDueMail, markSent, retryDeadLetter, type DeliveryPolicy } from "@/lib/mail/outbox";
import { sendMail } from "@/lib/mail/send-mail";
import { createSmtpTransport, smtpSecrets, type MailTransport } from "@/lib/mail/smtp-transport";
import { sendOrderConfirmation } from "@/lib/orders/order-confirmation";
import type { CheckoutSessionObject } from "@/lib/payments/stripe-event-schema";
import { findTenantByHost, type TenantDto } from "@/lib/tenancy";
import { getDb } from "../support/db";
import { closedPort, decodeWords, startSmtpSink, type SmtpSink } from "../support/smtp-sink";

// Issue 15, item 1: mail that is delivered — through a real SMTP server in this process.

const meta = { ip: "203.0.113.9", userAgent: "vitest", route: "/test" };
const origin = "http://localhost:3000";
const FROM = "shop@bulwark.test";
const policy: DeliveryPolicy = { maxAttempts: 3, baseDelayMs: 1_000, maxDelayMs: 10_000, leaseMs: 60_000 };
let sink: SmtpSink;
let transport: MailTransport;
let northwind: TenantDto;
let lumen: TenantDto;

const drain = (now = new Date(), workerId = "worker-a", t = transport) =>
  drainOutbox({ transport: t, workerId, fromAddress: FROM, now, policy, batch: 50, secrets: smtpSecrets(sink.url) });
const register = (tenant: TenantDto, email: string) =>
  registerAccount(
    tenant,
    registrationSchema.parse({ name: "Mail Tester", email, password: "lantern orbit velvet cactus", website: "" }),
    meta,
    origin,
  );
const header = (mail: SmtpSink["received"][number], name: string) => decodeWords(mail.headers.get(name)?.[0] ?? "");
const copiesOf = (id: string) => sink.received.filter((mail) => header(mail, "message-id") === `<${id}@bulwark.test>`);

beforeAll(async () => {
  sink = await startSmtpSink();
  transport = createSmtpTransport(sink.url);
  northwind = (await findTenantByHost("localhost"))!;
  lumen = (await findTenantByHost("lumen.localhost"))!;
  const db = await getDb();
  await db.tenant.update({
    where: { id: lumen.id },
    data: { mailSenderName: "Lumen Home Support", mailReplyTo: "help@lumen.test" },
  });
});

afterAll(async () => {
  transport.close?.();
  await sink.close();
});

beforeEach(async () => {
  // Each case starts from an empty queue: earlier cases' mail is out of the way.
  const db = await getDb();
  await db.outboundEmail.updateMany({ where: { status: { in: ["PENDING", "SENDING"] } }, data: { status: "SENT" } });
  sink.mode = "accept";
  sink.received.length = 0;
});

describe("delivery through SMTP", () => {
  it("delivers every kind of mail exactly once, with the store's sender, reply-to, subject and both bodies", async () => {
    const db = await getDb();
    await register(northwind, "new-buyer@northwind.test"); // confirmation link
    await register(northwind, "shopper@northwind.test"); // already has an account: a note
    await register(lumen, "lumen-new@lumen.test"); // another store's sender and reply-to
    await register(lumen, "lumen-new@lumen.test"); // unconfirmed again: a link to choose the password
    const reset = (email: string) =>
      requestPasswordReset(northwind, passwordResetRequestSchema.parse({ email, website: "" }), meta, origin);
    await reset("merchant@northwind.test"); // reset link
    await reset("nobody-here@northwind.test"); // no account: a note
    await db.$transaction((tx) =>
      sendOrderConfirmation(
        tx,
        {
          id: "order-mail-test-1234abcd",
          tenantId: northwind.id,
          email: "guest@example.test",
          currency: "USD",
          totalMinor: 4200,
          lookupTokenHash: null,
        },
        [{ quantity: 2, productTitle: "Trail Mug", variantTitle: "Blue", unitPriceMinor: 2100 }],
        { metadata: {} } as unknown as CheckoutSessionObject,
      ),
    );
    const queued = await db.outboundEmail.findMany({ where: { status: "PENDING" } });
    expect(queued).toHaveLength(7);

    expect(await drain()).toEqual({ sent: 7, retried: 0, dead: 0 });
    expect(await drain()).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(sink.received).toHaveLength(7);
    for (const row of queued) {
      const [mail, ...extra] = copiesOf(row.id);
      expect(extra).toHaveLength(0);
      const store = row.tenantId === lumen.id ? "Lumen Home Support" : northwind.name;
      expect(header(mail!, "from")).toBe(`${store} <${FROM}>`);
      expect(mail!.envelopeFrom).toBe(FROM);
      expect(mail!.envelopeTo).toEqual([row.to]);
      expect(header(mail!, "to")).toBe(row.to);
      expect(header(mail!, "subject")).toBe(row.subject);
      expect(mail!.headers.get("reply-to")?.[0]).toBe(row.tenantId === lumen.id ? "help@lumen.test" : undefined);
      expect(mail!.text).toBe(row.text);
      expect(mail!.html).toContain("<!doctype html>");
      expect(mail!.text.length).toBeGreaterThan(40);
    }
    const sent = await db.outboundEmail.findMany({ where: { id: { in: queued.map((row) => row.id) } } });
    expect(sent.every((row) => row.status === "SENT" && row.attempts === 1 && row.sentAt && !row.lastError)).toBe(true);
    // Every link of the text body is a link of the HTML body too.
    const confirmation = copiesOf(queued.find((row) => row.to === "new-buyer@northwind.test")!.id)[0]!;
    const link = /http:\/\/localhost:3000\/verify-email\?token=[\w-]+/.exec(confirmation.text)![0];
    expect(confirmation.html).toContain(`href="${link}"`);
    expect(sink.authFailures).toBe(0);
  });

  it("keeps mail queued in a transaction that rolls back out of the outbox", async () => {
    const db = await getDb();
    await expect(
      db.$transaction(async (tx) => {
        await sendMail(
          { tenantId: northwind.id, to: "rollback@example.test", subject: "never", body: { paragraphs: ["x"] } },
          tx,
        );
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.outboundEmail.count({ where: { to: "rollback@example.test" } })).toBe(0);
  });
});

describe("failures, retries and dead letters", () => {
  const queue = (to: string) =>
    sendMail({
      tenantId: northwind.id,
      to,
      subject: "Retry me",
      body: {
        paragraphs: ["Hello"],
        action: { label: "Go", url: `${origin}/reset-password?token=secret-link-token-000111` },
      },
    });

  it("retries a refusing relay with exponential backoff and dead-letters after the last attempt", async () => {
    const db = await getDb();
    await queue("refused@example.test");
    const row = await db.outboundEmail.findFirstOrThrow({ where: { to: "refused@example.test" } });
    sink.mode = "reject-permanent";
    const t0 = new Date(Date.now() + 1_000);
    expect(await drain(t0)).toEqual({ sent: 0, retried: 1, dead: 0 });
    let state = await db.outboundEmail.findUniqueOrThrow({ where: { id: row.id } });
    expect(state).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(state.nextAttemptAt.getTime()).toBe(t0.getTime() + 1_000);
    expect(state.lastError).toMatch(/550/);
    // Not before its time.
    expect(await drain(new Date(t0.getTime() + 999))).toEqual({ sent: 0, retried: 0, dead: 0 });
    const t1 = new Date(t0.getTime() + 1_000);
    expect(await drain(t1)).toEqual({ sent: 0, retried: 1, dead: 0 });
    state = await db.outboundEmail.findUniqueOrThrow({ where: { id: row.id } });
    expect(state.nextAttemptAt.getTime()).toBe(t1.getTime() + 2_000); // doubled
    expect(await drain(new Date(t1.getTime() + 2_000))).toEqual({ sent: 0, retried: 0, dead: 1 });
    state = await db.outboundEmail.findUniqueOrThrow({ where: { id: row.id } });
    expect(state).toMatchObject({ status: "DEAD", attempts: 3 });
    expect(await drain(new Date(t1.getTime() + 3_600_000))).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(sink.received).toHaveLength(0);

    // An administrator retries it: a fresh set of attempts, audited; the relay accepts it now.
    sink.mode = "accept";
    await retryDeadLetter(row.id, { email: "admin@bulwark.test", ip: meta.ip });
    await expect(retryDeadLetter(row.id, { email: "admin@bulwark.test", ip: meta.ip })).rejects.toMatchObject({
      status: 409,
    });
    await expect(retryDeadLetter("no-such-mail", { email: "admin@bulwark.test", ip: meta.ip })).rejects.toMatchObject({
      status: 404,
    });
    expect(await drain()).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(copiesOf(row.id)).toHaveLength(1);
    const audit = await db.securityEvent.findFirstOrThrow({
      where: { type: "admin.action", details: { contains: row.id } },
    });
    expect(JSON.parse(audit.details)).toMatchObject({ action: "mail.retry", mailId: row.id });
  });

  it("retries a relay that is down, and never keeps its password or a link token in the error", async () => {
    const db = await getDb();
    await queue("down@example.test");
    const down = createSmtpTransport(
      `smtp://shop-mailer:${encodeURIComponent(sink.password)}@127.0.0.1:${await closedPort()}`,
    );
    const now = new Date(Date.now() + 1_000);
    expect(await drain(now, "worker-a", down)).toEqual({ sent: 0, retried: 1, dead: 0 });
    const row = await db.outboundEmail.findFirstOrThrow({ where: { to: "down@example.test" } });
    expect(row.lastError).toMatch(/^(ECONNECTION|ECONNREFUSED|ESOCKET)/);
    expect(row.lastError).not.toContain(sink.password);
    // A temporary refusal is retried the same way.
    sink.mode = "reject-temporary";
    expect(await drain(new Date(now.getTime() + 1_000))).toEqual({ sent: 0, retried: 1, dead: 0 });
    const again = await db.outboundEmail.findUniqueOrThrow({ where: { id: row.id } });
    expect(again).toMatchObject({ status: "PENDING", attempts: 2 });
    expect(again.lastError).toMatch(/451/);
    expect(again.lastError).not.toContain("secret-link-token");
  });

  it("a wrong relay password fails the attempt; the password is nowhere in the error", async () => {
    const db = await getDb();
    await queue("badauth@example.test");
    const wrong = createSmtpTransport(`smtp://shop-mailer:Wr0ng-Passw0rd-xyz@127.0.0.1:${sink.port}`);
    const result = await drainOutbox({
      transport: wrong,
      workerId: "worker-a",
      fromAddress: FROM,
      policy,
      secrets: smtpSecrets(`smtp://shop-mailer:Wr0ng-Passw0rd-xyz@127.0.0.1:${sink.port}`),
    });
    wrong.close?.();
    expect(result.retried).toBe(1);
    const row = await db.outboundEmail.findFirstOrThrow({ where: { to: "badauth@example.test" } });
    expect(row.lastError).toMatch(/^EAUTH/);
    expect(row.lastError).not.toContain("Wr0ng-Passw0rd");
  });
});

describe("several workers", () => {
  it("two or more workers draining at once never send one message twice", async () => {
    const db = await getDb();
    for (let i = 0; i < 24; i++) {
      await sendMail({
        tenantId: northwind.id,
        to: `crowd${i}@example.test`,
        subject: `Crowd ${i}`,
        body: { paragraphs: ["Hi"] },
      });
    }
    const ids = (await db.outboundEmail.findMany({ where: { to: { startsWith: "crowd" } } })).map((row) => row.id);
    const transports = [0, 1, 2, 3].map(() => createSmtpTransport(sink.url));
    const results = await Promise.all(transports.map((t, i) => drain(new Date(), `worker-${i}`, t)));
    transports.forEach((t) => t.close?.());
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(24);
    for (const id of ids) expect(copiesOf(id)).toHaveLength(1);
    expect(await db.outboundEmail.count({ where: { id: { in: ids }, status: "SENT", attempts: 1 } })).toBe(24);
  });

  it("a worker that dies between sending and recording: the message is sent again after the lease (at-least-once)", async () => {
    const db = await getDb();
    await sendMail({
      tenantId: northwind.id,
      to: "crash@example.test",
      subject: "Crash",
      body: { paragraphs: ["Hi"] },
    });
    const t0 = new Date(Date.now() + 1_000);
    // Worker A claims and sends, then "crashes" before markSent.
    const [claimed] = await claimDueMail("worker-a", t0, 10, policy);
    expect(claimed!.to).toBe("crash@example.test");
    await transport.sendMail({
      from: { name: "x", address: FROM },
      to: claimed!.to,
      subject: claimed!.subject,
      text: claimed!.text,
      html: claimed!.html,
      messageId: `<${claimed!.id}@bulwark.test>`,
      envelope: { from: FROM, to: [claimed!.to] },
      headers: {},
    });
    // While the lease runs, nobody else takes it.
    expect(await drain(new Date(t0.getTime() + policy.leaseMs - 1), "worker-b")).toEqual({
      sent: 0,
      retried: 0,
      dead: 0,
    });
    // After it, worker B sends it again: a duplicate with the same Message-ID rather than a lost mail.
    expect(await drain(new Date(t0.getTime() + policy.leaseMs), "worker-b")).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(copiesOf(claimed!.id)).toHaveLength(2);
    // Worker A coming back cannot overwrite B's record.
    expect(await markSent(claimed!.id, "worker-a", new Date())).toBe(false);
    expect(await db.outboundEmail.findUniqueOrThrow({ where: { id: claimed!.id } })).toMatchObject({
      status: "SENT",
      attempts: 2,
    });
  });
});

describe("a lease that runs out after the last attempt", () => {
  it("is dead-lettered as 'outcome unknown', not sent a further time", async () => {
    const db = await getDb();
    await sendMail({ tenantId: northwind.id, to: "last@example.test", subject: "Last", body: { paragraphs: ["Hi"] } });
    const row = await db.outboundEmail.findFirstOrThrow({ where: { to: "last@example.test" } });
    const past = new Date(Date.now() - 1_000);
    await db.outboundEmail.update({
      where: { id: row.id },
      data: { status: "SENDING", attempts: policy.maxAttempts, claimedBy: "worker-gone", leaseUntil: past },
    });
    expect(await drain()).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(copiesOf(row.id)).toHaveLength(0);
    const dead = await db.outboundEmail.findUniqueOrThrow({ where: { id: row.id } });
    expect(dead).toMatchObject({ status: "DEAD", attempts: policy.maxAttempts });
    expect(dead.lastError).toMatch(/outcome unknown/);
  });
});

describe("untrusted text in mail", () => {
  it("escapes a store name, a product title and a user's input in HTML, and keeps headers on one line", async () => {
    const db = await getDb();
    const evilName = `<script>alert("x")</script> & Co\r\nBcc: victim@evil.test`;
    await db.tenant.update({ where: { id: northwind.id }, data: { name: evilName } });
    try {
      const evilTenant = { ...northwind, name: evilName };
      await register(evilTenant, "escape-me@northwind.test");
      await db.$transaction((tx) =>
        sendOrderConfirmation(
          tx,
          {
            id: "order-escape-test-0000",
            tenantId: northwind.id,
            email: "escape-me@northwind.test",
            currency: "USD",
            totalMinor: 100,
            lookupTokenHash: null,
          },
          [
            {
              quantity: 1,
              productTitle: `<img src=x onerror="alert(1)">`,
              variantTitle: "'quoted'",
              unitPriceMinor: 100,
            },
          ],
          { metadata: {} } as unknown as CheckoutSessionObject,
        ),
      );
      expect(await drain()).toMatchObject({ sent: 2 });
    } finally {
      await db.tenant.update({ where: { id: northwind.id }, data: { name: northwind.name } });
    }
    expect(sink.received).toHaveLength(2);
    for (const mail of sink.received) {
      expect(mail.html).not.toMatch(/<script|<img|onerror="/i);
      expect(mail.envelopeTo).toEqual(["escape-me@northwind.test"]);
      expect(mail.headers.has("bcc")).toBe(false);
      const head = mail.raw.slice(0, mail.raw.search(/\r?\n\r?\n/));
      expect(head).not.toMatch(/^Bcc:/im);
    }
    const [confirmation, order] = sink.received;
    expect(confirmation!.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co");
    expect(header(confirmation!, "subject")).toContain(`<script>alert("x")</script> & Co Bcc: victim@evil.test`);
    expect(header(confirmation!, "from")).toContain(FROM);
    expect(order!.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(order!.html).toContain("&#39;quoted&#39;");
  });

  it("refuses a recipient that a mail library would read as two addresses", async () => {
    const db = await getDb();
    await sendMail({
      tenantId: northwind.id,
      to: "victim@evil.test,owner@northwind.test",
      subject: "x",
      body: { paragraphs: ["x"] },
    });
    expect(await db.outboundEmail.count({ where: { to: { contains: "victim@evil.test" } } })).toBe(0);
  });
});

describe("logs", () => {
  it("never log a body, a link token, the recipient's address or the relay's password", async () => {
    const lines: string[] = [];
    const previous = process.env.BULWARK_LOG_IN_TESTS;
    process.env.BULWARK_LOG_IN_TESTS = "1";
    const capture = (...args: unknown[]) => void lines.push(args.map(String).join(" "));
    const log = vi.spyOn(console, "log").mockImplementation(capture);
    const warn = vi.spyOn(console, "warn").mockImplementation(capture);
    const db = await getDb();
    try {
      await requestPasswordReset(
        northwind,
        passwordResetRequestSchema.parse({ email: "shopper@northwind.test", website: "" }),
        meta,
        origin,
      );
      sink.mode = "reject-temporary";
      await drain(new Date(Date.now() + 1_000));
      sink.mode = "accept";
      await drain(new Date(Date.now() + 10_000));
      const down = `smtp://shop-mailer:${encodeURIComponent(sink.password)}@127.0.0.1:${await closedPort()}`;
      await sendMail({
        tenantId: northwind.id,
        to: "logs@example.test",
        subject: "x",
        body: { paragraphs: ["body-marker-42"] },
      });
      await drainOutbox({
        transport: createSmtpTransport(down),
        workerId: "w",
        fromAddress: FROM,
        policy,
        secrets: smtpSecrets(down),
      });
    } finally {
      log.mockRestore();
      warn.mockRestore();
      if (previous === undefined) delete process.env.BULWARK_LOG_IN_TESTS;
      else process.env.BULWARK_LOG_IN_TESTS = previous;
    }
    const mail = await db.outboundEmail.findFirstOrThrow({
      where: { to: "shopper@northwind.test" },
      orderBy: { createdAt: "desc" },
    });
    const token = /token=([\w-]+)/.exec(mail.text)![1]!;
    const written = lines.join("\n");
    expect(written).toMatch(/mail_queued/);
    expect(written).toMatch(/mail_send_failed/);
    expect(written).toMatch(/mail_sent/);
    for (const leak of [
      token,
      sink.password,
      encodeURIComponent(sink.password),
      "body-marker-42",
      "shopper@northwind.test",
      "Choose a new password",
    ]) {
      expect(written).not.toContain(leak);
    }
  });
});
