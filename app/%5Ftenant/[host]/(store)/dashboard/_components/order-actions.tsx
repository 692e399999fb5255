import { RefundOrderForm } from "./refund-order-form";
import { ShipOrderForm } from "./ship-order-form";

type Line = { id: string; productTitle: string; variantTitle: string; unitPriceMinor: number; quantity: number };

/** What the merchant can do with an order now: ship it (paid, not yet shipped) and refund it. */
export function OrderActions({
  order,
  locale,
}: {
  order: {
    id: string;
    status: string;
    currency: string;
    refundable: boolean;
    refundableMinor: number;
    items: Line[];
    subtotalMinor: number;
    totalMinor: number;
    shippingMinor: number;
    shippingTaxMinor: number;
  };
  locale: string;
}) {
  const canRefund = order.refundable && order.refundableMinor > 0;
  if (order.status !== "PAID" && !canRefund) return null;
  return (
    <div className="grid gap-4 md:grid-cols-2">
      {order.status === "PAID" ? <ShipOrderForm orderId={order.id} /> : null}
      {canRefund ? (
        <RefundOrderForm
          orderId={order.id}
          currency={order.currency}
          locale={locale}
          lines={order.items}
          shareOf={{
            subtotalMinor: order.subtotalMinor,
            totalMinor: order.totalMinor,
            shippingMinor: order.shippingMinor,
            shippingTaxMinor: order.shippingTaxMinor,
          }}
          refundableMinor={order.refundableMinor}
          partial={order.status === "PAID" || order.status === "FULFILLED"}
        />
      ) : null}
    </div>
  );
}
