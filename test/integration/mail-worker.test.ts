import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { resetServerConfigForTests } from "@/lib/env/server-config";
import { drainOutbox, startDeliveryWorker } from "@/lib/mail/delivery-worker";
import { backoffDelay, DEFAULT_DELIVERY_POLICY } from "@/lib/mail/outbox";
import { sendMail } from "@/lib/mail/send-mail";
import { createSmtpTransport } from "@/lib/mail/smtp-transport";
import { captureLogLines } from "../support/log-capture";
import { getDb, getTenantIds } from "../support/db";
import { startSmtpSink, type SmtpSink } from "../support/smtp-sink";

// The loop the server process runs (instrumentation.ts → startDeliveryWorker), configured by the
// environment exactly as in production; and the transport's TLS rule for relays off this machine.

let sink: SmtpSink;
const saved = { SMTP_URL: process.env.SMTP_URL, MAIL_FROM_ADDRESS: process.env.MAIL_FROM_ADDRESS };

function restoreEnv() {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
  resetServerConfigForTests();
}

beforeAll(async () => {
  sink = await startSmtpSink();
});

afterAll(async () => {
  restoreEnv();
  await sink.close();
});

describe("the server's delivery loop", () => {
  it("does not start without SMTP_URL: the outbox keeps the mail", async () => {
    delete process.env.SMTP_URL;
    resetServerConfigForTests();
    expect(startDeliveryWorker()).toBeNull();
  });

  it("in a production demo without SMTP_URL, says at start that mail stays in the outbox", () => {
    const demo = {
      NODE_ENV: "production",
      NEXTAUTH_SECRET: "s".repeat(32),
      STRIPE_WEBHOOK_SECRET: "whsec_demo",
      STRIPE_API_URL: "http://127.0.0.1:12111",
      BULWARK_DEMO_PAYMENTS_NO_REAL_MONEY: "1",
    };
    const previous = Object.fromEntries(Object.keys(demo).map((key) => [key, process.env[key]]));
    // NODE_ENV is "production" here, so the lines are written whatever BULWARK_LOG_IN_TESTS says.
    const { lines, restore } = captureLogLines();
    try {
      Object.assign(process.env, demo);
      delete process.env.SMTP_URL;
      resetServerConfigForTests();
      expect(startDeliveryWorker()).toBeNull();
    } finally {
      restore();
      for (const [key, value] of Object.entries(previous)) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
      restoreEnv();
    }
    expect(lines.map((line) => JSON.parse(line).message)).toEqual(["mail_delivery_off"]);
  });

  it("starts from SMTP_URL, sends from MAIL_FROM_ADDRESS, and logs the relay without its credentials", async () => {
    process.env.SMTP_URL = sink.url;
    process.env.MAIL_FROM_ADDRESS = "orders@bulwark.test";
    resetServerConfigForTests();
    const { northwind } = await getTenantIds();
    await sendMail({
      tenantId: northwind,
      to: "loop@example.test",
      subject: "From the loop",
      body: { paragraphs: ["Hi"] },
    });
    const { lines, restore } = captureLogLines();
    const worker = startDeliveryWorker();
    try {
      expect(worker).not.toBeNull();
      expect(startDeliveryWorker()).toBe(worker); // one loop per process
      await vi.waitFor(() => expect(sink.received.some((m) => m.envelopeTo.includes("loop@example.test"))).toBe(true), {
        timeout: 10_000,
        interval: 100,
      });
    } finally {
      await worker?.stop();
      restore();
      restoreEnv();
    }
    const mail = sink.received.find((m) => m.envelopeTo.includes("loop@example.test"))!;
    expect(mail.envelopeFrom).toBe("orders@bulwark.test");
    const db = await getDb();
    expect(await db.outboundEmail.findFirst({ where: { to: "loop@example.test" } })).toMatchObject({ status: "SENT" });
    const started = lines.find((line) => line.includes("mail_delivery_on"))!;
    expect(JSON.parse(started).relay).toBe(`smtp://***@127.0.0.1:${sink.port}`);
    expect(lines.join("\n")).not.toContain(sink.password);
    expect(lines.join("\n")).not.toContain("shop-mailer");
  });
});

describe("defaults", () => {
  it("backs off 1, 2, 4, 8 and 16 minutes, gives up at the sixth failure, and leases for 5 minutes", () => {
    const minutes = [1, 2, 3, 4, 5].map((attempts) => backoffDelay(attempts, DEFAULT_DELIVERY_POLICY) / 60_000);
    expect(minutes).toEqual([1, 2, 4, 8, 16]);
    expect(backoffDelay(20, DEFAULT_DELIVERY_POLICY)).toBe(60 * 60_000);
    expect(DEFAULT_DELIVERY_POLICY).toMatchObject({ maxAttempts: 6, leaseMs: 5 * 60_000 });
  });
});

const external = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && !i.internal && i.family === "IPv4")?.address;

describe.skipIf(!external)("TLS to a relay off this machine", () => {
  it("refuses to send over plain smtp:// to a relay that does not offer STARTTLS", async () => {
    const remote = await startSmtpSink("0.0.0.0");
    try {
      const { northwind } = await getTenantIds();
      await sendMail({ tenantId: northwind, to: "tls@example.test", subject: "TLS", body: { paragraphs: ["Hi"] } });
      const url = `smtp://shop-mailer:${encodeURIComponent(remote.password)}@${external}:${remote.port}`;
      const transport = createSmtpTransport(url);
      const result = await drainOutbox({ transport, workerId: "tls", fromAddress: "orders@bulwark.test" });
      transport.close?.();
      expect(result.sent).toBe(0);
      expect(remote.received).toHaveLength(0);
      const db = await getDb();
      const row = await db.outboundEmail.findFirstOrThrow({ where: { to: "tls@example.test" } });
      expect(row.lastError).toMatch(/STARTTLS|TLS/i);
      // The same relay through the loopback name is allowed in clear (a relay on this machine).
      await db.outboundEmail.update({ where: { id: row.id }, data: { nextAttemptAt: new Date(0) } });
      const local = createSmtpTransport(
        `smtp://shop-mailer:${encodeURIComponent(remote.password)}@127.0.0.1:${remote.port}`,
      );
      expect((await drainOutbox({ transport: local, workerId: "tls", fromAddress: "orders@bulwark.test" })).sent).toBe(
        1,
      );
      local.close?.();
    } finally {
      await remote.close();
    }
  });
});
