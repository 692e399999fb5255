import "server-only";
import type { DbTransaction } from "@/lib/db";
import { formatMoney } from "@/lib/catalog/money";
import { hashOpaqueToken } from "@/lib/identity/opaque-token";
import { sendMail } from "@/lib/mail/send-mail";
import type { CheckoutSessionObject } from "@/lib/payments/stripe-event-schema";
import { readShippingAddress } from "./charged-amounts";
import { formatAddressLines, listAmountRows, type AmountFacts } from "./order-amounts";
import { storeOrigin } from "./order-link";

type PaidOrder = AmountFacts & {
  id: string;
  tenantId: string;
  email: string;
  currency: string;
  lookupTokenHash: string | null;
  shippingAddress: string | null;
};
type Line = { quantity: number; productTitle: string; variantTitle: string; unitPriceMinor: number };

/**
 * The link in the confirmation mail is built from our own records: the store's primary host (not
 * whatever origin rode along in the event's metadata), and the guest look-up token only when it
 * matches the hash we stored for this order.
 */
async function orderLink(tx: DbTransaction, order: PaidOrder, session: CheckoutSessionObject): Promise<string | null> {
  const origin = await storeOrigin(tx, order.tenantId);
  if (!origin) return null;
  const metadata = (session as { metadata?: Record<string, unknown> | null }).metadata;
  const token = typeof metadata?.lookupToken === "string" ? metadata.lookupToken : null;
  const tokenIsOurs = !!token && !!order.lookupTokenHash && hashOpaqueToken(token) === order.lookupTokenHash;
  return `${origin}/orders/${order.id}${tokenIsOurs ? `?t=${encodeURIComponent(token)}` : ""}`;
}

/** Queues the confirmation mail inside the payment's transaction: sent only if the payment commits. */
export async function sendOrderConfirmation(
  tx: DbTransaction,
  order: PaidOrder,
  items: Line[],
  session: CheckoutSessionObject,
): Promise<void> {
  const link = await orderLink(tx, order, session);
  const money = (minor: number) =>
    minor < 0 ? `−${formatMoney(-minor, order.currency)}` : formatMoney(minor, order.currency);
  const address = readShippingAddress(order.shippingAddress);
  await sendMail(
    {
      tenantId: order.tenantId,
      to: order.email,
      subject: `Your order ${order.id.slice(-8).toUpperCase()} is confirmed`,
      body: {
        paragraphs: [
          "Thank you for your order!",
          items
            .map(
              (item) =>
                `${item.quantity} × ${item.productTitle} (${item.variantTitle}) — ${formatMoney(item.unitPriceMinor * item.quantity, order.currency)}`,
            )
            .join("\n"),
          listAmountRows(order)
            .map((row) => `${row.label}: ${money(row.minor)}`)
            .join("\n"),
          ...(address ? [`Shipping to:\n${formatAddressLines(address).join("\n")}`] : []),
          "What happens next: the store packs your order and emails you again, with the tracking number, when it ships.",
        ],
        ...(link ? { action: { label: "See your order", url: link } } : {}),
        // Later mails about the order (shipped, refunded) carry a fresh link that replaces this one.
        footer: ["Lost this email? Use “Find your order” at the foot of the store's pages."],
      },
    },
    tx,
  );
}
