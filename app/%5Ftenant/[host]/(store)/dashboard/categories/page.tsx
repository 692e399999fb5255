import type { Metadata } from "next";
import { listCategoriesForMerchant } from "@/lib/catalog/manage-categories";
import { requireRole } from "@/lib/identity/current-user";
import { requireTenant } from "@/lib/tenancy";
import { CategoryManager } from "../_components/category-manager";

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: "Categories · Dashboard", robots: { index: false } };

export default async function CategoriesPage({ params }: Props) {
  const tenant = await requireTenant((await params).host);
  await requireRole(tenant, ["MERCHANT"], "/dashboard/categories");
  const categories = await listCategoriesForMerchant(tenant.id);
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">Categories</h1>
      <CategoryManager categories={categories} />
    </div>
  );
}
