import "server-only";
import { z } from "zod";
import { getTenantDb } from "@/lib/db";
import { emailSchema, honeypotSchema } from "@/lib/identity/input-schemas";
import { createOpaqueToken, hashOpaqueToken } from "@/lib/identity/opaque-token";
import { sendMail } from "@/lib/mail/send-mail";
import type { RequestMeta } from "@/lib/security/request-context";
import type { TenantDto } from "@/lib/tenancy";
import { recordSecurityEvent } from "@/lib/telemetry/security-events";

// "Find my order" for guests: the email the order was placed with and its number (the eight
// characters every order page and mail shows). The answer never says whether they matched, and
// nothing is shown on screen: the link goes to the address the order was placed with, so knowing
// someone's email and guessing numbers reveals nothing. A guest's new link replaces the old one.

export const ORDER_REFERENCE_LENGTH = 8;

/** The number shoppers see for an order: the end of its id, in capitals. */
export function formatOrderReference(orderId: string): string {
  return orderId.slice(-ORDER_REFERENCE_LENGTH).toUpperCase();
}

export const guestOrderLookupSchema = z
  .object({
    email: emailSchema,
    reference: z
      .string()
      .trim()
      .transform((value) => value.replace(/^#/, "").toLowerCase())
      .pipe(
        z.string().regex(/^[a-z0-9]{8}$/, {
          error: "Enter the 8-character order number from your confirmation, e.g. 4F7K2Q9X.",
        }),
      ),
    website: honeypotSchema,
  })
  .strict();

export type GuestOrderLookup = z.output<typeof guestOrderLookupSchema>;

export function guestOrderLookupReply(email: string): string {
  return `If ${email} placed an order with that number here, we've sent it a link to the order. Check your inbox (and spam folder).`;
}

/** Finds the order and mails its link; returns whether a mail went out (for tests, never for the answer). */
export async function mailGuestOrderLink(
  tenant: TenantDto,
  input: GuestOrderLookup,
  meta: RequestMeta,
  origin: string,
): Promise<boolean> {
  const event = { tenantId: tenant.id, actor: input.email, ip: meta.ip, route: meta.route };
  if (input.website !== "") {
    await recordSecurityEvent({ ...event, type: "auth.honeypot_triggered", severity: "WARNING" });
    return false;
  }
  const db = await getTenantDb(tenant.id);
  const candidates = await db.order.findMany({
    where: { id: { endsWith: input.reference }, status: { not: "PENDING" } },
    select: { id: true, email: true, userId: true },
    take: 5,
  });
  const order = candidates.find((candidate) => candidate.email.toLowerCase() === input.email);
  await recordSecurityEvent({
    ...event,
    type: "order.lookup_requested",
    severity: "INFO",
    details: { outcome: order ? "link_sent" : "no_match" },
  });
  if (!order) return false;
  const reference = formatOrderReference(order.id);
  // An account's order is seen by signing in; a guest's through a fresh look-up link.
  let link = `${origin}/account/orders`;
  if (!order.userId) {
    const token = createOpaqueToken();
    await db.order.update({ where: { id: order.id }, data: { lookupTokenHash: hashOpaqueToken(token) } });
    link = `${origin}/orders/${order.id}?t=${encodeURIComponent(token)}`;
  }
  await sendMail({
    tenantId: tenant.id,
    to: order.email,
    subject: `Your order ${reference} at ${tenant.name}`,
    body: {
      paragraphs: [`Here is the link to your order ${reference}, as asked on ${tenant.name}.`],
      action: { label: order.userId ? "Sign in to see your order" : "See your order", url: link },
      footer: [
        order.userId
          ? "The order belongs to your account: sign in to see it."
          : "This link replaces any earlier one for this order. If you did not ask for it, you can ignore this email.",
      ],
    },
  });
  return true;
}
