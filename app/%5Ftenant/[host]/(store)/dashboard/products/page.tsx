import type { Metadata } from "next";
import Link from "next/link";
import { listProductsForMerchant } from "@/lib/catalog/manage-products";
import { formatMoney } from "@/lib/catalog/money";
import { productSearchSchema } from "@/lib/catalog/product-schemas";
import { requireRole } from "@/lib/identity/current-user";
import { requireTenant } from "@/lib/tenancy";
import { TableHead } from "../../../_components/table-head";
import { ScrollArea } from "../../../_components/scroll-area";

type Props = {
  params: Promise<{ host: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Products · Dashboard", robots: { index: false } };

export default async function DashboardProductsPage({ params, searchParams }: Props) {
  const tenant = await requireTenant((await params).host);
  await requireRole(tenant, ["MERCHANT"], "/dashboard/products");
  const { q } = productSearchSchema.parse(await searchParams);
  const products = await listProductsForMerchant(tenant.id, q);
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="text-2xl font-bold">Products</h1>
        <Link
          href="/dashboard/products/new"
          className="rounded-md bg-accent px-4 py-2 text-sm font-semibold text-accent-ink"
        >
          New product
        </Link>
      </div>
      <form method="get" role="search" className="flex max-w-md gap-2">
        <label htmlFor="product-search" className="sr-only">
          Search products
        </label>
        <input
          id="product-search"
          name="q"
          defaultValue={q ?? ""}
          maxLength={100}
          placeholder="Title, slug or SKU"
          className="w-full rounded-md border border-stone-300 px-3 py-2"
        />
        <button type="submit" className="rounded-md border border-stone-300 px-4">
          Search
        </button>
      </form>
      <ScrollArea label="Products">
        <table className="w-full bg-white text-left text-sm" data-testid="merchant-products">
          <TableHead columns={["Product", "Status", "Options>", "Stock>", "From>"]} />
          <tbody>
            {products.map((product) => (
              <tr key={product.id} className="border-t border-stone-200">
                <td className="p-3">
                  <Link href={`/dashboard/products/${product.id}`} className="font-medium underline">
                    {product.title}
                  </Link>
                  <span className="block text-xs text-stone-500">/{product.slug}</span>
                </td>
                <td className="p-3">{product.status.toLowerCase()}</td>
                <td className="p-3 text-right">{product.variantCount}</td>
                <td className="p-3 text-right">{product.stock}</td>
                <td className="p-3 text-right">{formatMoney(product.minPriceMinor, tenant.currency, tenant.locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollArea>
      {products.length === 0 ? <p className="text-stone-600">No products match.</p> : null}
    </div>
  );
}
