import { beforeAll, describe, expect, it } from "vitest";
import {
  confirmEmail,
  registerAccount,
  registrationSchema,
  resendConfirmation,
  resendConfirmationReply,
  resendConfirmationSchema,
} from "@/lib/identity/registration";
import { findTenantByHost, type TenantDto } from "@/lib/tenancy";
import { getDb } from "../support/db";

// Issue 15: "send me a new confirmation link". Its answer must not tell an attacker whether an
// address has an account, or whether that account is confirmed; only an unconfirmed account gets
// a link, and the new link ends every earlier one. (Its rate limit is exercised end to end in
// e2e/mail.spec.ts, through the guard.)

const meta = { ip: "203.0.113.77", userAgent: "vitest", route: "/verify-email" };
const origin = "http://localhost:3000";
let northwind: TenantDto;
let lumen: TenantDto;

beforeAll(async () => {
  northwind = (await findTenantByHost("localhost"))!;
  lumen = (await findTenantByHost("lumen.localhost"))!;
});

const resend = (email: string, tenant = northwind, website = "") =>
  resendConfirmation(tenant, resendConfirmationSchema.parse({ email, website }), meta, origin);
const register = (email: string) =>
  registerAccount(
    northwind,
    registrationSchema.parse({ name: "Resender", email, password: "lantern orbit velvet cactus", website: "" }),
    meta,
    origin,
  );
async function mailTo(email: string) {
  const db = await getDb();
  return db.outboundEmail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });
}
const tokenOf = (text: string) => /verify-email\?token=([\w-]+)/.exec(text)?.[1];

describe("resend confirmation", () => {
  it("answers the same for an unknown, an unconfirmed, a confirmed and a disabled address", async () => {
    const db = await getDb();
    await register("pending@northwind.test");
    await register("disabled@northwind.test");
    await db.user.updateMany({ where: { email: "disabled@northwind.test" }, data: { disabledAt: new Date() } });
    const before = await db.outboundEmail.count();
    const answers = await Promise.all(
      ["nobody@northwind.test", "pending@northwind.test", "shopper@northwind.test", "disabled@northwind.test"].map(
        async (email) => (await resend(email)).replace(email, "<email>"),
      ),
    );
    expect(new Set(answers).size).toBe(1);
    expect(answers[0]).toBe(resendConfirmationReply("<email>"));
    // Only the unconfirmed, active account got mail.
    expect((await db.outboundEmail.count()) - before).toBe(1);
    expect(await mailTo("nobody@northwind.test")).toHaveLength(0);
    expect((await mailTo("shopper@northwind.test")).some((m) => m.subject.startsWith("Confirm"))).toBe(false);
    const outcomes = (
      await db.securityEvent.findMany({ where: { type: "auth.confirmation_resent" }, orderBy: { createdAt: "asc" } })
    ).map((event) => JSON.parse(event.details).outcome);
    expect(outcomes.sort()).toEqual(["link_sent", "nothing_sent", "nothing_sent", "nothing_sent"]);
  });

  it("a new link ends the earlier ones; once confirmed, nothing more is sent", async () => {
    const email = "relinked@northwind.test";
    await register(email);
    const first = tokenOf((await mailTo(email))[0]!.text)!;
    await resend(email);
    await resend(email);
    const links = (await mailTo(email)).map((mail) => tokenOf(mail.text)!);
    expect(links).toHaveLength(3);
    expect(new Set(links).size).toBe(3);
    expect(await confirmEmail(northwind, first, meta)).toBe(false);
    expect(await confirmEmail(northwind, links[1]!, meta)).toBe(false);
    // The newest works, once, and only on its own store.
    expect(await confirmEmail(lumen, links[2]!, meta)).toBe(false);
    expect(await confirmEmail(northwind, links[2]!, meta)).toBe(true);
    expect(await confirmEmail(northwind, links[2]!, meta)).toBe(false);
    await resend(email);
    expect(await mailTo(email)).toHaveLength(3);
  });

  it("is per store: the same address at another store is another account", async () => {
    await register("twostores@northwind.test");
    const count = (await mailTo("twostores@northwind.test")).length;
    await resend("twostores@northwind.test", lumen);
    expect(await mailTo("twostores@northwind.test")).toHaveLength(count);
  });

  it("a bot filling the honeypot gets the same answer and no mail", async () => {
    await register("honeypot@northwind.test");
    const count = (await mailTo("honeypot@northwind.test")).length;
    expect(await resend("honeypot@northwind.test", northwind, "http://spam.example")).toBe(
      resendConfirmationReply("honeypot@northwind.test"),
    );
    expect(await mailTo("honeypot@northwind.test")).toHaveLength(count);
  });

  it("refuses malformed input with a field message", () => {
    const bad = resendConfirmationSchema.safeParse({ email: "not an email", website: "" });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues[0]!.path).toEqual(["email"]);
    expect(resendConfirmationSchema.safeParse({ email: "a@b.test", extra: "x" }).success).toBe(false);
  });
});
