import type { Metadata } from "next";
import Link from "next/link";
import { getInventorySummary } from "@/lib/catalog/inventory";
import { getShippingSettings } from "@/lib/checkout/shipping-options";
import { requireRole } from "@/lib/identity/current-user";
import { getSecondFactorStatus } from "@/lib/identity/second-factor";
import { requireTenant } from "@/lib/tenancy";
import { listAlerts } from "@/lib/telemetry/alerts";
import { AlertTable } from "../../_components/alert-table";
import { TableHead } from "../../_components/table-head";
import { ScrollArea } from "../../_components/scroll-area";

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: "Dashboard", robots: { index: false } };

export default async function DashboardPage({ params }: Props) {
  const tenant = await requireTenant((await params).host);
  const user = await requireRole(tenant, ["MERCHANT"], "/dashboard");
  const [summary, twoFactor, alerts, shipping] = await Promise.all([
    getInventorySummary(tenant.id),
    getSecondFactorStatus(user),
    listAlerts({ tenantId: tenant.id, limit: 20 }),
    getShippingSettings(tenant.id),
  ]);
  const offered = shipping.rates.filter((rate) => rate.active && rate.currency === tenant.currency);
  const stats = [
    { label: "Active products", value: summary.activeProducts },
    { label: "Drafts", value: summary.draftProducts },
    { label: "Variants", value: summary.variants },
    { label: "Out of stock", value: summary.outOfStock },
  ];
  return (
    <div className="space-y-8">
      <div>
        <h1 className="text-3xl font-bold">{tenant.name} dashboard</h1>
        <p className="text-stone-600">Signed in as {user.email} (merchant).</p>
      </div>
      {shipping.countries.length === 0 || offered.length === 0 ? (
        <p
          role="note"
          className="rounded-lg border border-rose-300 bg-rose-50 p-4 text-sm text-rose-950"
          data-testid="shipping-missing"
        >
          Your store can&apos;t take orders yet: checkout needs{" "}
          {shipping.countries.length === 0 ? "the countries you ship to" : `a shipping option in ${tenant.currency}`}.{" "}
          <Link href="/dashboard/shipping" className="font-semibold underline">
            Set up shipping
          </Link>
          .
        </p>
      ) : null}
      {twoFactor.enabled ? null : (
        // Optional for merchants, but a merchant account can refund and change the catalog.
        <p role="note" className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950">
          Protect your store: turn on two-step verification, so a stolen password alone cannot sign in.{" "}
          <Link href="/account" className="font-semibold underline">
            Set it up on your account page
          </Link>
          .
        </p>
      )}
      <dl className="grid grid-cols-2 gap-4 md:grid-cols-4">
        {stats.map((stat) => (
          <div key={stat.label} className="rounded-lg border border-stone-200 bg-white p-4">
            <dt className="text-sm text-stone-600">{stat.label}</dt>
            <dd className="text-2xl font-bold">{stat.value}</dd>
          </div>
        ))}
      </dl>
      <section aria-labelledby="alerts-heading">
        <h2 id="alerts-heading" className="mb-3 text-xl font-semibold">
          Security alerts for your store
        </h2>
        <AlertTable alerts={alerts} />
      </section>
      <section aria-labelledby="low-stock-heading">
        <h2 id="low-stock-heading" className="mb-3 text-xl font-semibold">
          Low and out of stock
        </h2>
        <ScrollArea label="Stock">
          <table className="w-full border-collapse overflow-hidden rounded-lg bg-white text-left text-sm">
            <TableHead columns={["Product", "Variant", "SKU", "Stock>"]} />
            <tbody>
              {summary.lowStock.map((row) => (
                <tr key={row.sku} className="border-t border-stone-200">
                  <td className="p-3">
                    <Link href={`/products/${row.productSlug}`} className="underline">
                      {row.productTitle}
                    </Link>
                  </td>
                  <td className="p-3">{row.title}</td>
                  <td className="p-3 font-mono text-xs">{row.sku}</td>
                  <td className={`p-3 text-right font-semibold ${row.stock <= 0 ? "text-rose-700" : "text-amber-700"}`}>
                    {row.stock}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollArea>
      </section>
    </div>
  );
}
