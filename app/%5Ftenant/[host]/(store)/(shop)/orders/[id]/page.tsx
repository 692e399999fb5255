import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { formatMoney } from "@/lib/catalog/money";
import { formatOrderReference } from "@/lib/orders/guest-order-lookup";
import { getOrderForViewer } from "@/lib/orders/orders";
import { getCurrentUser } from "@/lib/identity/current-user";
import { recordPageMiss } from "@/lib/telemetry/page-miss";
import { requireTenant } from "@/lib/tenancy";
import { getCanonicalOrigin } from "@/lib/tenancy/store-origin";
import { Breadcrumbs } from "../../../_components/breadcrumbs";
import { RefreshWhilePending } from "./_components/refresh-while-pending";
import { TableHead } from "../../../../_components/table-head";
import { OrderTimeline } from "../../../../_components/order-timeline";
import { OrderAmounts, ShippingAddressBlock } from "../../../../_components/order-amounts";

type Props = {
  params: Promise<{ host: string; id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

// The URL can carry the order's look-up token: never send it on as a referrer.
export const metadata: Metadata = { title: "Your order", robots: { index: false }, referrer: "no-referrer" };

export default async function OrderPage({ params, searchParams }: Props) {
  const { host, id } = await params;
  const tenant = await requireTenant(host);
  const user = await getCurrentUser(tenant);
  const token = (await searchParams).t;
  const order = await getOrderForViewer(
    tenant.id,
    id,
    { user, token: typeof token === "string" ? token : undefined },
    tenant.locale,
  );
  if (!order) {
    await recordPageMiss(tenant.id, "/orders/[id]", user ?? undefined);
    notFound();
  }
  const money = (minor: number) => formatMoney(minor, order.currency, tenant.locale);
  const reference = formatOrderReference(order.id);
  // Development only, and only for a guest holding the link: a signed-in owner has their account.
  const showLink = process.env.NODE_ENV !== "production" && !user && typeof token === "string";
  return (
    <div className="mx-auto max-w-2xl space-y-8">
      <Breadcrumbs
        items={[
          { label: "Home", href: "/" },
          ...(user ? [{ label: "Orders", href: "/account/orders" }] : []),
          { label: `Order ${reference}` },
        ]}
      />
      <div>
        <h1 className="text-3xl font-bold">Order {reference}</h1>
        <p className="text-sm text-stone-600">
          Placed{" "}
          <time dateTime={order.createdAt.toISOString()}>
            {new Intl.DateTimeFormat(tenant.locale, { dateStyle: "long", timeStyle: "short" }).format(order.createdAt)}
          </time>
        </p>
        <p className="mt-2 text-lg" data-testid="order-status" aria-live="polite">
          Status: <strong>{order.statusLabel}</strong>
        </p>
        {order.status === "PENDING" ? (
          <>
            <p className="text-stone-600">
              We are waiting for the payment provider to confirm your payment. This page updates by itself.
            </p>
            <RefreshWhilePending />
          </>
        ) : null}
        {order.status === "PAID" ? (
          <p className="text-stone-600">
            Thank you! {order.email ? `A confirmation is on its way to ${order.email}.` : ""}
          </p>
        ) : null}
      </div>
      <table className="w-full bg-white text-left">
        <TableHead columns={["Item", "Quantity>", "Total>"]} />
        <tbody>
          {order.items.map((item) => (
            <tr key={item.sku} className="border-t border-stone-200">
              <td className="p-3">
                {item.productTitle} <span className="text-stone-600">({item.variantTitle})</span>
              </td>
              <td className="p-3 text-right">{item.quantity}</td>
              <td className="p-3 text-right">{money(item.unitPriceMinor * item.quantity)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <OrderAmounts order={order} locale={tenant.locale} />
      <ShippingAddressBlock address={order.address} phone={order.shippingPhone} locale={tenant.locale} />
      {order.status === "PAID" ? (
        <p className="text-stone-600" data-testid="order-next">
          What happens next: the store packs your order
          {order.shippingMethod ? ` and sends it by ${order.shippingMethod}` : ""}, and emails you the tracking number
          when it ships.
        </p>
      ) : null}
      {order.shipment ? (
        <p data-testid="order-shipment">
          Shipped with {order.shipment.carrier}, tracking number{" "}
          <span className="font-mono">{order.shipment.trackingNumber}</span>
          {order.shipment.trackingUrl ? (
            <>
              {" "}
              <a href={order.shipment.trackingUrl} rel="noopener noreferrer" className="text-accent-text underline">
                Track the parcel
              </a>
            </>
          ) : null}
        </p>
      ) : null}
      <OrderTimeline entries={order.timeline} locale={tenant.locale} />
      {showLink ? (
        <p className="rounded-md bg-amber-50 p-3 text-sm text-amber-900">
          Development: the link we email to guests for this order is{" "}
          <code className="break-all">{`${await getCanonicalOrigin(tenant)}/orders/${order.id}?t=${token}`}</code>
        </p>
      ) : null}
      <Link href="/products" className="inline-block text-accent-text underline">
        Continue shopping
      </Link>
    </div>
  );
}
