import type { Metadata } from "next";
import Link from "next/link";
import { listCategoryOptions } from "@/lib/catalog/categories";
import { requireRole } from "@/lib/identity/current-user";
import { requireTenant } from "@/lib/tenancy";
import { ProductForm } from "../../_components/product-form";

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: "New product · Dashboard", robots: { index: false } };

export default async function NewProductPage({ params }: Props) {
  const tenant = await requireTenant((await params).host);
  await requireRole(tenant, ["MERCHANT"], "/dashboard/products/new");
  const categories = await listCategoryOptions(tenant.id);
  return (
    <div className="max-w-2xl space-y-4">
      <h1 className="text-2xl font-bold">New product</h1>
      {categories.length > 0 ? (
        <ProductForm categories={categories} />
      ) : (
        <p role="note" className="rounded-lg border border-stone-200 bg-white p-4">
          Every product belongs to a category, and this store has none yet.{" "}
          <Link href="/dashboard/categories" className="font-semibold underline">
            Create a category first
          </Link>
          .
        </p>
      )}
    </div>
  );
}
