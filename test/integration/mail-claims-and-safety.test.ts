import { NO_EXTRAS } from "../support/checkout-fixtures";
import { spawn } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { passwordResetRequestSchema, requestPasswordReset } from "@/lib/identity/password-reset";
import { drainOutbox } from "@/lib/mail/delivery-worker";
import { claimDueMail, markSent } from "@/lib/mail/outbox";
import { sendMail } from "@/lib/mail/send-mail";
import { createSmtpTransport, smtpSecrets } from "@/lib/mail/smtp-transport";
import { sendOrderConfirmation } from "@/lib/orders/order-confirmation";
import type { CheckoutSessionObject } from "@/lib/payments/stripe-event-schema";
import { captureLogLines } from "../support/log-capture";
import { getDb } from "../support/db";
import { FROM, meta, origin, policy, setUpMailHarness } from "../support/mail-harness";
import { closedPort } from "../support/smtp-sink";

// Issue 15, item 1, against a real SMTP server in this process: workers draining at once, a crash
// between sending and recording (at-least-once), escaping of untrusted text, and what is logged.

const h = setUpMailHarness();

describe("several workers", () => {
  it("two or more workers draining at once never send one message twice", async () => {
    const db = await getDb();
    for (let i = 0; i < 24; i++) {
      await sendMail({
        tenantId: h.northwind.id,
        to: `crowd${i}@example.test`,
        subject: `Crowd ${i}`,
        body: { paragraphs: ["Hi"] },
      });
    }
    const ids = (await db.outboundEmail.findMany({ where: { to: { startsWith: "crowd" } } })).map((row) => row.id);
    const transports = [0, 1, 2, 3].map(() => createSmtpTransport(h.sink.url));
    const results = await Promise.all(transports.map((t, i) => h.drain(new Date(), `worker-${i}`, t)));
    transports.forEach((t) => t.close?.());
    expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(24);
    for (const id of ids) expect(h.copiesOf(id)).toHaveLength(1);
    expect(await db.outboundEmail.count({ where: { id: { in: ids }, status: "SENT", attempts: 1 } })).toBe(24);
  });

  // On a local libSQL file a second writing process fails busy (SocketTimeout) instead of waiting:
  // several processes share a libSQL *server*, not a file. better-sqlite3 waits (lib/db).
  it.skipIf(process.env.DATABASE_URL?.startsWith("libsql"))(
    "separate processes draining one database never send one message twice",
    async () => {
      const db = await getDb();
      for (let i = 0; i < 40; i++) {
        await sendMail({
          tenantId: h.northwind.id,
          to: `process${i}@example.test`,
          subject: `Process ${i}`,
          body: { paragraphs: ["Hi"] },
        });
      }
      const ids = (await db.outboundEmail.findMany({ where: { to: { startsWith: "process" } } })).map((row) => row.id);
      const root = path.resolve(import.meta.dirname, "../..");
      const run = (workerId: string) =>
        new Promise<{ sent: number }>((resolve, reject) => {
          const child = spawn(
            path.join(root, "node_modules/.bin/tsx"),
            ["--conditions=react-server", "test/support/mail-drain-process.ts", h.sink.url, workerId],
            { cwd: root, env: { ...process.env, NODE_ENV: "test" }, stdio: ["ignore", "pipe", "pipe"] },
          );
          let out = "";
          child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()));
          child.stderr.on("data", (chunk: Buffer) => (out += chunk.toString()));
          child.on("exit", (code) =>
            code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!)) : reject(new Error(out)),
          );
        });
      const results = await Promise.all([run("process-a"), run("process-b"), run("process-c")]);
      expect(results.reduce((sum, r) => sum + r.sent, 0)).toBe(40);
      for (const id of ids) expect(h.copiesOf(id)).toHaveLength(1);
      expect(await db.outboundEmail.count({ where: { id: { in: ids }, status: "SENT", attempts: 1 } })).toBe(40);
    },
    60_000,
  );

  it("a worker that dies between sending and recording: the message is sent again after the lease (at-least-once)", async () => {
    const db = await getDb();
    await sendMail({
      tenantId: h.northwind.id,
      to: "crash@example.test",
      subject: "Crash",
      body: { paragraphs: ["Hi"] },
    });
    const t0 = new Date(Date.now() + 1_000);
    // Worker A claims and sends, then "crashes" before markSent.
    const [claimed] = await claimDueMail("worker-a", t0, 10, policy);
    expect(claimed!.to).toBe("crash@example.test");
    await h.transport.sendMail({
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
    expect(await h.drain(new Date(t0.getTime() + policy.leaseMs - 1), "worker-b")).toEqual({
      sent: 0,
      retried: 0,
      dead: 0,
    });
    // After it, worker B sends it again: a duplicate with the same Message-ID rather than a lost mail.
    expect(await h.drain(new Date(t0.getTime() + policy.leaseMs), "worker-b")).toEqual({
      sent: 1,
      retried: 0,
      dead: 0,
    });
    expect(h.copiesOf(claimed!.id)).toHaveLength(2);
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
    await sendMail({
      tenantId: h.northwind.id,
      to: "last@example.test",
      subject: "Last",
      body: { paragraphs: ["Hi"] },
    });
    const row = await db.outboundEmail.findFirstOrThrow({ where: { to: "last@example.test" } });
    const past = new Date(Date.now() - 1_000);
    await db.outboundEmail.update({
      where: { id: row.id },
      data: { status: "SENDING", attempts: policy.maxAttempts, claimedBy: "worker-gone", leaseUntil: past },
    });
    expect(await h.drain()).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(h.copiesOf(row.id)).toHaveLength(0);
    const dead = await db.outboundEmail.findUniqueOrThrow({ where: { id: row.id } });
    expect(dead).toMatchObject({ status: "DEAD", attempts: policy.maxAttempts });
    expect(dead.lastError).toMatch(/outcome unknown/);
  });
});

describe("untrusted text in mail", () => {
  it("escapes a store name, a product title and a user's input in HTML, and keeps headers on one line", async () => {
    const db = await getDb();
    const evilName = `<script>alert("x")</script> & Co\r\nBcc: victim@evil.test`;
    await db.tenant.update({ where: { id: h.northwind.id }, data: { name: evilName } });
    try {
      const evilTenant = { ...h.northwind, name: evilName };
      await h.register(evilTenant, "escape-me@northwind.test");
      await db.$transaction((tx) =>
        sendOrderConfirmation(
          tx,
          {
            id: "order-escape-test-0000",
            tenantId: h.northwind.id,
            email: "escape-me@northwind.test",
            currency: "USD",
            totalMinor: 100,
            lookupTokenHash: null,
            ...NO_EXTRAS(100),
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
      expect(await h.drain()).toMatchObject({ sent: 2 });
    } finally {
      await db.tenant.update({ where: { id: h.northwind.id }, data: { name: h.northwind.name } });
    }
    expect(h.sink.received).toHaveLength(2);
    for (const mail of h.sink.received) {
      expect(mail.html).not.toMatch(/<script|<img|onerror="/i);
      expect(mail.envelopeTo).toEqual(["escape-me@northwind.test"]);
      expect(mail.headers.has("bcc")).toBe(false);
      const head = mail.raw.slice(0, mail.raw.search(/\r?\n\r?\n/));
      expect(head).not.toMatch(/^Bcc:/im);
    }
    const [confirmation, order] = h.sink.received;
    expect(confirmation!.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co");
    expect(h.header(confirmation!, "subject")).toContain(`<script>alert("x")</script> & Co Bcc: victim@evil.test`);
    expect(h.header(confirmation!, "from")).toContain(FROM);
    expect(order!.html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(order!.html).toContain("&#39;quoted&#39;");
  });

  it("refuses a recipient that a mail library would read as two addresses", async () => {
    const db = await getDb();
    await sendMail({
      tenantId: h.northwind.id,
      to: "victim@evil.test,owner@northwind.test",
      subject: "x",
      body: { paragraphs: ["x"] },
    });
    expect(await db.outboundEmail.count({ where: { to: { contains: "victim@evil.test" } } })).toBe(0);
  });
});

describe("logs", () => {
  it("never log a body, a link token, the recipient's address or the relay's password", async () => {
    const { lines, restore } = captureLogLines();
    const db = await getDb();
    try {
      await requestPasswordReset(
        h.northwind,
        passwordResetRequestSchema.parse({ email: "shopper@northwind.test", website: "" }),
        meta,
        origin,
      );
      h.sink.mode = "reject-temporary";
      await h.drain(new Date(Date.now() + 1_000));
      h.sink.mode = "accept";
      await h.drain(new Date(Date.now() + 10_000));
      const down = `smtp://shop-mailer:${encodeURIComponent(h.sink.password)}@127.0.0.1:${await closedPort()}`;
      await sendMail({
        tenantId: h.northwind.id,
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
      restore();
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
      h.sink.password,
      encodeURIComponent(h.sink.password),
      "body-marker-42",
      "shopper@northwind.test",
      "Choose a new password",
    ]) {
      expect(written).not.toContain(leak);
    }
  });
});
