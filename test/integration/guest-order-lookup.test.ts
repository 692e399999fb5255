import { beforeAll, describe, expect, it } from "vitest";
import { hashOpaqueToken } from "@/lib/identity/opaque-token";
import { formatOrderReference, guestOrderLookupSchema, mailGuestOrderLink } from "@/lib/orders/guest-order-lookup";
import { getOrderForViewer } from "@/lib/orders/orders";
import { findTenantByHost, type TenantDto } from "@/lib/tenancy";
import { getDb } from "../support/db";

// Issue 15, item 5: a guest finds an order by its email and number. Nothing on screen says
// whether they matched; the link goes only to the address the order was placed with.

const meta = { ip: "203.0.113.88", userAgent: "vitest", route: "/orders/find" };
const origin = "http://localhost:3000";
let northwind: TenantDto;
let lumen: TenantDto;

beforeAll(async () => {
  northwind = (await findTenantByHost("localhost"))!;
  lumen = (await findTenantByHost("lumen.localhost"))!;
});

async function placeOrder(tenant: TenantDto, email: string, status: "PAID" | "PENDING" = "PAID", userId?: string) {
  const db = await getDb();
  return db.order.create({
    data: {
      tenantId: tenant.id,
      email,
      status,
      currency: "USD",
      subtotalMinor: 1000,
      totalMinor: 1000,
      userId: userId ?? null,
      lookupTokenHash: hashOpaqueToken(`original-${email}-${Math.random()}`),
    },
  });
}

const find = (tenant: TenantDto, email: string, reference: string, website = "") =>
  mailGuestOrderLink(tenant, guestOrderLookupSchema.parse({ email, reference, website }), meta, origin);

const mailTo = async (email: string) =>
  (await getDb()).outboundEmail.findMany({ where: { to: email }, orderBy: { createdAt: "asc" } });

describe("finding a guest order", () => {
  it("mails a fresh link to the order's own address when email and number match (any case, with or without #)", async () => {
    const order = await placeOrder(northwind, "Guest.Finder@Example.test");
    const before = order.lookupTokenHash;
    expect(await find(northwind, "guest.finder@example.test", `#${formatOrderReference(order.id).toLowerCase()}`)).toBe(
      true,
    );
    const [mail, ...more] = await mailTo("Guest.Finder@Example.test");
    expect(more).toHaveLength(0);
    expect(mail!.subject).toBe(`Your order ${formatOrderReference(order.id)} at ${northwind.name}`);
    const token = decodeURIComponent(/\?t=([^\s"<]+)/.exec(mail!.text)![1]!);
    const db = await getDb();
    const after = await db.order.findUniqueOrThrow({ where: { id: order.id } });
    expect(after.lookupTokenHash).toBe(hashOpaqueToken(token));
    expect(after.lookupTokenHash).not.toBe(before);
    expect(await getOrderForViewer(northwind.id, order.id, { user: null, token })).not.toBeNull();
  });

  it("sends nothing and changes nothing for a wrong email, an unpaid order, another store's order or a bot", async () => {
    const order = await placeOrder(northwind, "right@example.test");
    const pending = await placeOrder(northwind, "pending@example.test", "PENDING");
    const foreign = await placeOrder(lumen, "foreign@example.test");
    expect(await find(northwind, "wrong@example.test", formatOrderReference(order.id))).toBe(false);
    expect(await find(northwind, "pending@example.test", formatOrderReference(pending.id))).toBe(false);
    expect(await find(northwind, "foreign@example.test", formatOrderReference(foreign.id))).toBe(false);
    expect(await find(northwind, "right@example.test", formatOrderReference(order.id), "bot-filled")).toBe(false);
    for (const email of ["wrong@example.test", "right@example.test", "pending@example.test", "foreign@example.test"])
      expect(await mailTo(email)).toHaveLength(0);
    const db = await getDb();
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).lookupTokenHash).toBe(order.lookupTokenHash);
  });

  it("points an account's order to signing in, without a token", async () => {
    const db = await getDb();
    const shopper = await db.user.findFirstOrThrow({ where: { tenantId: northwind.id, role: "CUSTOMER" } });
    const order = await placeOrder(northwind, shopper.email, "PAID", shopper.id);
    expect(await find(northwind, shopper.email, formatOrderReference(order.id))).toBe(true);
    const mail = (await mailTo(shopper.email)).at(-1)!;
    expect(mail.text).toContain(`${origin}/account/orders`);
    expect(mail.text).not.toContain("?t=");
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).lookupTokenHash).toBe(order.lookupTokenHash);
  });

  it("refuses numbers that are not order numbers with a helpful message", () => {
    for (const reference of ["", "1234567", "123456789", "ABCD-123", "' OR 1=1"]) {
      const parsed = guestOrderLookupSchema.safeParse({ email: "a@example.test", reference, website: "" });
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toMatch(/8-character order number/);
    }
  });
});
