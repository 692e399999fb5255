import type { Metadata } from "next";
import Link from "next/link";
import { formatMoney } from "@/lib/catalog/money";
import { listOrdersForUser } from "@/lib/orders/orders";
import { requireUser } from "@/lib/identity/current-user";
import { requireTenant } from "@/lib/tenancy";

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: "Your orders", robots: { index: false } };

const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export default async function OrdersPage({ params }: Props) {
  const tenant = await requireTenant((await params).host);
  const user = await requireUser(tenant, "/account/orders");
  const orders = await listOrdersForUser(user);
  return (
    <div className="mx-auto max-w-3xl space-y-6">
      <h1 className="text-3xl font-bold">Your orders</h1>
      {orders.length === 0 ? (
        <p className="text-stone-600">
          No orders yet.{" "}
          <Link href="/products" className="text-accent-text underline">
            Start shopping
          </Link>
        </p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-lg border border-stone-200 bg-white" data-testid="order-list">
          {orders.map((order) => (
            <li key={order.id} className="flex flex-wrap items-center justify-between gap-3 p-4">
              <div>
                <Link href={`/orders/${order.id}`} className="font-medium underline">
                  Order {order.id.slice(-8).toUpperCase()}
                </Link>
                <p className="text-sm text-stone-600">
                  {dateFormat.format(order.createdAt)} · {order.itemCount} {order.itemCount === 1 ? "item" : "items"}
                </p>
              </div>
              <span className="text-sm">{order.statusLabel}</span>
              <span className="font-semibold">{formatMoney(order.totalMinor, order.currency, tenant.locale)}</span>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
