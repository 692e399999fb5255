import { NO_EXTRAS } from "../support/checkout-fixtures";
import { beforeAll, describe, expect, it } from "vitest";
import { passwordResetRequestSchema, requestPasswordReset } from "@/lib/identity/password-reset";
import { retryDeadLetter } from "@/lib/mail/outbox";
import { sendMail } from "@/lib/mail/send-mail";
import { createSmtpTransport, smtpSecrets } from "@/lib/mail/smtp-transport";
import { sendOrderConfirmation } from "@/lib/orders/order-confirmation";
import type { CheckoutSessionObject } from "@/lib/payments/stripe-event-schema";
import { getDb } from "../support/db";
import { FROM, meta, origin, policy, setUpMailHarness } from "../support/mail-harness";
import { closedPort } from "../support/smtp-sink";
import { drainOutbox } from "@/lib/mail/delivery-worker";

// Issue 15, item 1: mail that is delivered — through a real SMTP server in this process: every
// kind of mail, failures, backoff, dead letters. Claims, crashes, escaping and logs:
// mail-claims-and-safety.test.ts.

const h = setUpMailHarness();

beforeAll(async () => {
  const db = await getDb();
  await db.tenant.update({
    where: { id: h.lumen.id },
    data: { mailSenderName: "Lumen Home Support", mailReplyTo: "help@lumen.test" },
  });
});

describe("delivery through SMTP", () => {
  it("delivers every kind of mail exactly once, with the store's sender, reply-to, subject and both bodies", async () => {
    const db = await getDb();
    await h.register(h.northwind, "new-buyer@northwind.test"); // confirmation link
    await h.register(h.northwind, "shopper@northwind.test"); // already has an account: a note
    await h.register(h.lumen, "lumen-new@lumen.test"); // another store's sender and reply-to
    await h.register(h.lumen, "lumen-new@lumen.test"); // unconfirmed again: a link to choose the password
    const reset = (email: string) =>
      requestPasswordReset(h.northwind, passwordResetRequestSchema.parse({ email, website: "" }), meta, origin);
    await reset("merchant@northwind.test"); // reset link
    await reset("nobody-here@northwind.test"); // no account: a note
    await db.$transaction((tx) =>
      sendOrderConfirmation(
        tx,
        {
          id: "order-mail-test-1234abcd",
          tenantId: h.northwind.id,
          email: "guest@example.test",
          currency: "USD",
          totalMinor: 4200,
          lookupTokenHash: null,
          ...NO_EXTRAS(4200),
        },
        [{ quantity: 2, productTitle: "Trail Mug", variantTitle: "Blue", unitPriceMinor: 2100 }],
        { metadata: {} } as unknown as CheckoutSessionObject,
      ),
    );
    const queued = await db.outboundEmail.findMany({ where: { status: "PENDING" } });
    expect(queued).toHaveLength(7);

    expect(await h.drain()).toEqual({ sent: 7, retried: 0, dead: 0 });
    expect(await h.drain()).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(h.sink.received).toHaveLength(7);
    for (const row of queued) {
      const [mail, ...extra] = h.copiesOf(row.id);
      expect(extra).toHaveLength(0);
      const store = row.tenantId === h.lumen.id ? "Lumen Home Support" : h.northwind.name;
      expect(h.header(mail!, "from")).toBe(`${store} <${FROM}>`);
      expect(mail!.envelopeFrom).toBe(FROM);
      expect(mail!.envelopeTo).toEqual([row.to]);
      expect(h.header(mail!, "to")).toBe(row.to);
      expect(h.header(mail!, "subject")).toBe(row.subject);
      expect(mail!.headers.get("reply-to")?.[0]).toBe(row.tenantId === h.lumen.id ? "help@lumen.test" : undefined);
      expect(mail!.text).toBe(row.text);
      expect(mail!.html).toContain("<!doctype html>");
      expect(mail!.text.length).toBeGreaterThan(40);
    }
    const sent = await db.outboundEmail.findMany({ where: { id: { in: queued.map((row) => row.id) } } });
    expect(sent.every((row) => row.status === "SENT" && row.attempts === 1 && row.sentAt && !row.lastError)).toBe(true);
    // Every link of the text body is a link of the HTML body too.
    const confirmation = h.copiesOf(queued.find((row) => row.to === "new-buyer@northwind.test")!.id)[0]!;
    const link = /http:\/\/localhost:3000\/verify-email\?token=[\w-]+/.exec(confirmation.text)![0];
    expect(confirmation.html).toContain(`href="${link}"`);
    expect(h.sink.authFailures).toBe(0);
  });

  it("keeps mail queued in a transaction that rolls back out of the outbox", async () => {
    const db = await getDb();
    await expect(
      db.$transaction(async (tx) => {
        await sendMail(
          { tenantId: h.northwind.id, to: "rollback@example.test", subject: "never", body: { paragraphs: ["x"] } },
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
      tenantId: h.northwind.id,
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
    h.sink.mode = "reject-permanent";
    const t0 = new Date(Date.now() + 1_000);
    expect(await h.drain(t0)).toEqual({ sent: 0, retried: 1, dead: 0 });
    let state = await db.outboundEmail.findUniqueOrThrow({ where: { id: row.id } });
    expect(state).toMatchObject({ status: "PENDING", attempts: 1 });
    expect(state.nextAttemptAt.getTime()).toBe(t0.getTime() + 1_000);
    expect(state.lastError).toMatch(/550/);
    // Not before its time.
    expect(await h.drain(new Date(t0.getTime() + 999))).toEqual({ sent: 0, retried: 0, dead: 0 });
    const t1 = new Date(t0.getTime() + 1_000);
    expect(await h.drain(t1)).toEqual({ sent: 0, retried: 1, dead: 0 });
    state = await db.outboundEmail.findUniqueOrThrow({ where: { id: row.id } });
    expect(state.nextAttemptAt.getTime()).toBe(t1.getTime() + 2_000); // doubled
    expect(await h.drain(new Date(t1.getTime() + 2_000))).toEqual({ sent: 0, retried: 0, dead: 1 });
    state = await db.outboundEmail.findUniqueOrThrow({ where: { id: row.id } });
    expect(state).toMatchObject({ status: "DEAD", attempts: 3 });
    expect(await h.drain(new Date(t1.getTime() + 3_600_000))).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(h.sink.received).toHaveLength(0);

    // An administrator retries it: a fresh set of attempts, audited; the relay accepts it now.
    h.sink.mode = "accept";
    await retryDeadLetter(row.id, { email: "admin@bulwark.test", ip: meta.ip });
    await expect(retryDeadLetter(row.id, { email: "admin@bulwark.test", ip: meta.ip })).rejects.toMatchObject({
      status: 409,
    });
    await expect(retryDeadLetter("no-such-mail", { email: "admin@bulwark.test", ip: meta.ip })).rejects.toMatchObject({
      status: 404,
    });
    expect(await h.drain()).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(h.copiesOf(row.id)).toHaveLength(1);
    const audit = await db.securityEvent.findFirstOrThrow({
      where: { type: "admin.action", details: { contains: row.id } },
    });
    expect(JSON.parse(audit.details)).toMatchObject({ action: "mail.retry", mailId: row.id });
  });

  it("retries a relay that is down, and never keeps its password or a link token in the error", async () => {
    const db = await getDb();
    await queue("down@example.test");
    const down = createSmtpTransport(
      `smtp://shop-mailer:${encodeURIComponent(h.sink.password)}@127.0.0.1:${await closedPort()}`,
    );
    const now = new Date(Date.now() + 1_000);
    expect(await h.drain(now, "worker-a", down)).toEqual({ sent: 0, retried: 1, dead: 0 });
    const row = await db.outboundEmail.findFirstOrThrow({ where: { to: "down@example.test" } });
    expect(row.lastError).toMatch(/^(ECONNECTION|ECONNREFUSED|ESOCKET)/);
    expect(row.lastError).not.toContain(h.sink.password);
    // A temporary refusal is retried the same way.
    h.sink.mode = "reject-temporary";
    expect(await h.drain(new Date(now.getTime() + 1_000))).toEqual({ sent: 0, retried: 1, dead: 0 });
    const again = await db.outboundEmail.findUniqueOrThrow({ where: { id: row.id } });
    expect(again).toMatchObject({ status: "PENDING", attempts: 2 });
    expect(again.lastError).toMatch(/451/);
    expect(again.lastError).not.toContain("secret-link-token");
  });

  it("a wrong relay password fails the attempt; the password is nowhere in the error", async () => {
    const db = await getDb();
    await queue("badauth@example.test");
    const wrong = createSmtpTransport(`smtp://shop-mailer:Wr0ng-Passw0rd-xyz@127.0.0.1:${h.sink.port}`);
    const result = await drainOutbox({
      transport: wrong,
      workerId: "worker-a",
      fromAddress: FROM,
      policy,
      secrets: smtpSecrets(`smtp://shop-mailer:Wr0ng-Passw0rd-xyz@127.0.0.1:${h.sink.port}`),
    });
    wrong.close?.();
    expect(result.retried).toBe(1);
    const row = await db.outboundEmail.findFirstOrThrow({ where: { to: "badauth@example.test" } });
    expect(row.lastError).toMatch(/^EAUTH/);
    expect(row.lastError).not.toContain("Wr0ng-Passw0rd");
  });
});
