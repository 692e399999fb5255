import type { Metadata } from "next";
import Link from "next/link";
import { z } from "zod";
import { formatMoney } from "@/lib/catalog/money";
import { listOrdersForMerchant } from "@/lib/orders/manage-orders";
import { ORDER_STATUS_LABEL, type OrderStatus } from "@/lib/orders/order-state";
import { requireRole } from "@/lib/identity/current-user";
import { requireTenant } from "@/lib/tenancy";
import { TableHead } from "../../../_components/table-head";
import { ScrollArea } from "../../../_components/scroll-area";

type Props = {
  params: Promise<{ host: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Orders · Dashboard", robots: { index: false } };

const STATUSES = Object.keys(ORDER_STATUS_LABEL) as OrderStatus[];
const filterSchema = z.object({
  status: z
    .enum(STATUSES as [OrderStatus, ...OrderStatus[]])
    .optional()
    .catch(undefined),
});
const dateFormat = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

export default async function DashboardOrdersPage({ params, searchParams }: Props) {
  const tenant = await requireTenant((await params).host);
  await requireRole(tenant, ["MERCHANT"], "/dashboard/orders");
  const { status } = filterSchema.parse(await searchParams);
  const orders = await listOrdersForMerchant(tenant.id, status);
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">Orders</h1>
      <nav aria-label="Filter by status" className="flex flex-wrap gap-2 text-sm">
        <Link href="/dashboard/orders" className={`rounded px-2 py-1 ${!status ? "bg-stone-200" : ""}`}>
          All
        </Link>
        {STATUSES.map((s) => (
          <Link
            key={s}
            href={`/dashboard/orders?status=${s}`}
            className={`rounded px-2 py-1 ${status === s ? "bg-stone-200" : ""}`}
          >
            {ORDER_STATUS_LABEL[s]}
          </Link>
        ))}
      </nav>
      <ScrollArea label="Orders">
        <table className="w-full bg-white text-left text-sm" data-testid="merchant-orders">
          <TableHead columns={["Order", "Placed (UTC)", "Customer", "Status", "Total>"]} />
          <tbody>
            {orders.map((order) => (
              <tr key={order.id} className="border-t border-stone-200">
                <td className="p-3">
                  <Link href={`/dashboard/orders/${order.id}`} className="font-mono underline">
                    {order.id.slice(-8).toUpperCase()}
                  </Link>
                </td>
                <td className="p-3">{dateFormat.format(order.createdAt)}</td>
                <td className="p-3">{order.email || "—"}</td>
                <td className="p-3">
                  {order.statusLabel}
                  {order.flaggedReason ? (
                    <span className="ml-2 rounded bg-rose-100 px-1 text-xs text-rose-800">needs attention</span>
                  ) : null}
                </td>
                <td className="p-3 text-right">{formatMoney(order.totalMinor, order.currency, tenant.locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
      {orders.length === 0 ? <p className="text-stone-600">No orders here yet.</p> : null}
    </div>
  );
}
