import "server-only";
import type { DbTransaction } from "@/lib/db";
import { formatMoney } from "@/lib/catalog/money";
import { sendMail } from "@/lib/mail/send-mail";
import { formatOrderReference } from "./guest-order-lookup";
import { orderLinkForMail } from "./order-link";
import { describeCarrier, trackingUrlFor } from "./shipping";

// The mails that follow an order after its confirmation. Each is queued in the transaction of the
// change it reports (sent only if that commits, and once: a redelivered webhook changes nothing
// and so queues nothing). The text and HTML bodies are rendered and escaped by lib/mail.

type MailOrder = { id: string; tenantId: string; userId: string | null; email: string; currency: string };

async function withOrderLink(tx: DbTransaction, order: MailOrder) {
  const link = await orderLinkForMail(tx, order);
  if (!link) return {};
  return {
    action: { label: "See your order", url: link },
    footer: order.userId
      ? ["Sign in to your account to see the order."]
      : ["This link replaces the one in earlier emails about this order."],
  };
}

export async function sendShippedMail(
  tx: DbTransaction,
  order: MailOrder & { carrier: string; carrierName: string | null; trackingNumber: string },
): Promise<void> {
  if (!order.email) return;
  const carrier = describeCarrier(order.carrier, order.carrierName);
  const trackingUrl = trackingUrlFor(order.carrier, order.trackingNumber);
  const reference = formatOrderReference(order.id);
  await sendMail(
    {
      tenantId: order.tenantId,
      to: order.email,
      subject: `Your order ${reference} has shipped`,
      body: {
        paragraphs: [
          `Good news: your order ${reference} is on its way.`,
          `Carrier: ${carrier}\nTracking number: ${order.trackingNumber}`,
          ...(trackingUrl ? [`Track the parcel on the carrier's site:\n${trackingUrl}`] : []),
        ],
        ...(await withOrderLink(tx, order)),
      },
    },
    tx,
  );
}

export async function sendRefundedMail(
  tx: DbTransaction,
  order: MailOrder & { totalMinor: number },
  refund: { amountMinor: number; refundedMinor: number; full: boolean },
): Promise<void> {
  if (!order.email) return;
  const reference = formatOrderReference(order.id);
  const amount = formatMoney(refund.amountMinor, order.currency);
  const { full } = refund;
  await sendMail(
    {
      tenantId: order.tenantId,
      to: order.email,
      subject: full ? `Your order ${reference} has been refunded` : `A refund of ${amount} for your order ${reference}`,
      body: {
        paragraphs: [
          full
            ? `We have refunded ${amount} for your order ${reference}; the order is now refunded in full.`
            : `We have refunded ${amount} for your order ${reference}.`,
          ...(full
            ? []
            : [
                `Refunded so far: ${formatMoney(refund.refundedMinor, order.currency)} of ${formatMoney(order.totalMinor, order.currency)}.`,
              ]),
          "The money goes back to the card you paid with; your bank may take a few days to show it.",
        ],
        ...(await withOrderLink(tx, order)),
      },
    },
    tx,
  );
}
