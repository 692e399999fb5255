import { formatMoney } from "@/lib/catalog/money";
import type { ShippingAddress } from "@/lib/orders/charged-amounts";
import { formatAddressLines, listAmountRows, type AmountFacts } from "@/lib/orders/order-amounts";

type Props = {
  order: AmountFacts & { currency: string; refundedMinor: number; refundPendingMinor?: number };
  locale: string;
};

/** Subtotal, discount, shipping, tax, total and refunds: the same lines for shopper and merchant. */
export function OrderAmounts({ order, locale }: Props) {
  const money = (minor: number) =>
    minor < 0 ? `−${formatMoney(-minor, order.currency, locale)}` : formatMoney(minor, order.currency, locale);
  const pending = order.refundPendingMinor ?? 0;
  return (
    <dl className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" data-testid="order-amounts">
      {listAmountRows(order).map((row) => (
        <div key={row.label} className={`flex justify-between p-3 ${row.total ? "font-semibold" : "text-sm"}`}>
          <dt>{row.label}</dt>
          <dd>{money(row.minor)}</dd>
        </div>
      ))}
      {order.refundedMinor > 0 || pending > 0 ? (
        <div className="flex justify-between p-3 text-sm" data-testid="order-refunded">
          <dt>Refunded{pending > 0 ? ` (${money(pending)} waiting for Stripe)` : ""}</dt>
          <dd>−{money(order.refundedMinor)}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** The shipping address as on a label, with the phone number Stripe collected. */
export function ShippingAddressBlock({
  address,
  phone,
  locale,
}: {
  address: ShippingAddress | null;
  phone: string | null;
  locale: string;
}) {
  if (!address) return null;
  return (
    <section aria-labelledby="shipping-address-heading" data-testid="shipping-address">
      <h2 id="shipping-address-heading" className="text-lg font-semibold">
        Shipping address
      </h2>
      <address className="mt-1 not-italic">
        {formatAddressLines(address, locale).map((line, index) => (
          <span key={index} className="block">
            {line}
          </span>
        ))}
        {phone ? <span className="block text-sm text-stone-600">Phone: {phone}</span> : null}
      </address>
    </section>
  );
}
