import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { drainOutbox } from "@/lib/mail/delivery-worker";
import { sendMail } from "@/lib/mail/send-mail";
import { createSmtpTransport, type MailTransport } from "@/lib/mail/smtp-transport";
import { mailSenderSchema, setTenantMailSender } from "@/lib/tenancy/admin-tenants";
import { getDb, getTenantIds } from "../support/db";
import { decodeWords, startSmtpSink, type SmtpSink } from "../support/smtp-sink";

// Issue 15: each store's sender name and Reply-To, set by an administrator.

const admin = { email: "admin@bulwark.test", ip: "203.0.113.1" };
let sink: SmtpSink;
let transport: MailTransport;

beforeAll(async () => {
  sink = await startSmtpSink();
  transport = createSmtpTransport(sink.url);
});

afterAll(async () => {
  transport.close?.();
  await sink.close();
});

const parse = (input: Record<string, unknown>) => mailSenderSchema.safeParse({ slug: "northwind", ...input });

describe("a store's mail sender", () => {
  it("refuses a Reply-To that is not one mailbox, and a name that could break a header", () => {
    for (const replyTo of ["a@x.test,b@y.test", "Evil <evil@x.test>", "a@x.test;b@y.test", "not-an-address"])
      expect(parse({ mailSenderName: "", mailReplyTo: replyTo }).success, replyTo).toBe(false);
    for (const name of ["Shop\r\nBcc: x@y.test", 'Quote " me', "<b>Shop</b>", "x".repeat(81)])
      expect(parse({ mailSenderName: name, mailReplyTo: "" }).success, name).toBe(false);
    expect(parse({ mailSenderName: "", mailReplyTo: "", extra: 1 }).success).toBe(false);
    expect(parse({ mailSenderName: " Northwind Help ", mailReplyTo: " Help@Northwind.test " }).data).toMatchObject({
      mailSenderName: "Northwind Help",
      mailReplyTo: "help@northwind.test",
    });
  });

  it("is used on the next delivery, is audited, and empty fields restore the defaults", async () => {
    const { northwind } = await getTenantIds();
    const db = await getDb();
    await setTenantMailSender(
      parse({ mailSenderName: "Northwind Help", mailReplyTo: "help@northwind.test" }).data!,
      admin,
    );
    await sendMail({ tenantId: northwind, to: "sender@example.test", subject: "One", body: { paragraphs: ["Hi"] } });
    await drainOutbox({ transport, workerId: "w", fromAddress: "shop@bulwark.test" });
    const first = sink.received.at(-1)!;
    expect(decodeWords(first.headers.get("from")![0]!)).toBe("Northwind Help <shop@bulwark.test>");
    expect(first.headers.get("reply-to")).toEqual(["help@northwind.test"]);
    const audit = await db.securityEvent.findFirstOrThrow({
      where: { type: "admin.action", details: { contains: "tenant.mail_sender" } },
    });
    expect(audit.tenantId).toBe(northwind);

    await setTenantMailSender(parse({ mailSenderName: "", mailReplyTo: "" }).data!, admin);
    await sendMail({ tenantId: northwind, to: "sender@example.test", subject: "Two", body: { paragraphs: ["Hi"] } });
    await drainOutbox({ transport, workerId: "w", fromAddress: "shop@bulwark.test" });
    const second = sink.received.at(-1)!;
    expect(decodeWords(second.headers.get("from")![0]!)).toBe("Northwind Outfitters <shop@bulwark.test>");
    expect(second.headers.has("reply-to")).toBe(false);
  });

  it("exists for stores only: the platform and unknown slugs are 404", async () => {
    for (const slug of ["platform", "no-such-store"]) {
      await expect(setTenantMailSender({ slug, mailSenderName: "x", mailReplyTo: "" }, admin)).rejects.toMatchObject({
        status: 404,
      });
    }
  });
});
