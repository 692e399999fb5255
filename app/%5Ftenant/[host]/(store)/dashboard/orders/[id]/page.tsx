import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { formatMoney } from "@/lib/catalog/money";
import { getOrderForMerchant } from "@/lib/orders/manage-orders";
import { requireRole } from "@/lib/identity/current-user";
import { recordPageMiss } from "@/lib/telemetry/page-miss";
import { requireTenant } from "@/lib/tenancy";
import { OrderActions } from "../../_components/order-actions";
import { OrderTimeline } from "../../../../_components/order-timeline";
import { OrderAmounts, ShippingAddressBlock } from "../../../../_components/order-amounts";

type Props = { params: Promise<{ host: string; id: string }> };

export const metadata: Metadata = { title: "Order · Dashboard", robots: { index: false } };

export default async function DashboardOrderPage({ params }: Props) {
  const { host, id } = await params;
  const tenant = await requireTenant(host);
  const merchant = await requireRole(tenant, ["MERCHANT"], `/dashboard/orders/${id}`);
  const order = await getOrderForMerchant(tenant.id, id, tenant.locale);
  if (!order) {
    await recordPageMiss(tenant.id, "/dashboard/orders/[id]", merchant);
    notFound();
  }
  const money = (minor: number) => formatMoney(minor, order.currency, tenant.locale);
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">Order {order.id.slice(-8).toUpperCase()}</h1>
      <p data-testid="merchant-order-status">
        Status: <strong>{order.statusLabel}</strong>
      </p>
      {order.flaggedReason ? (
        <p role="alert" className="rounded-md bg-rose-50 p-3 text-rose-800">
          Needs attention: {order.flaggedReason}
        </p>
      ) : null}
      <p className="text-sm text-stone-600">Customer: {order.email || "—"}</p>
      {order.carrierLabel && order.trackingNumber ? (
        <p data-testid="merchant-order-shipment" className="text-sm">
          Shipped with {order.carrierLabel}, tracking number <span className="font-mono">{order.trackingNumber}</span>
          {order.trackingUrl ? (
            <>
              {" "}
              <a href={order.trackingUrl} rel="noopener noreferrer" className="text-accent-text underline">
                Track the parcel
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white">
        {order.items.map((item) => (
          <li key={item.id} className="flex justify-between p-3 text-sm">
            <span>
              {item.quantity} × {item.productTitle} ({item.variantTitle}){" "}
              <span className="font-mono text-xs text-stone-500">{item.sku}</span>
            </span>
            <span>{money(item.unitPriceMinor * item.quantity)}</span>
          </li>
        ))}
      </ul>
      <OrderAmounts order={order} locale={tenant.locale} />
      {order.address ? (
        <ShippingAddressBlock address={order.address} phone={order.shippingPhone} locale={tenant.locale} />
      ) : order.status === "PAID" ? (
        <p role="alert" className="rounded-md bg-amber-50 p-3 text-amber-900">
          This order has no shipping address, so it cannot ship. Contact the customer, or refund it.
        </p>
      ) : null}
      <OrderActions order={order} locale={tenant.locale} />
      <OrderTimeline entries={order.timeline} locale={tenant.locale} />
    </div>
  );
}
