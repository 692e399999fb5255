import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { listCategoryOptions } from "@/lib/catalog/categories";
import { getProductForEditing } from "@/lib/catalog/manage-products";
import { requireRole } from "@/lib/identity/current-user";
import { recordPageMiss } from "@/lib/telemetry/page-miss";
import { requireTenant } from "@/lib/tenancy";
import { ImageManager } from "../../_components/image-manager";
import { ProductForm } from "../../_components/product-form";
import { VariantManager } from "../../_components/variant-manager";

type Props = { params: Promise<{ host: string; id: string }> };

export const metadata: Metadata = { title: "Edit product · Dashboard", robots: { index: false } };

export default async function EditProductPage({ params }: Props) {
  const { host, id } = await params;
  const tenant = await requireTenant(host);
  const merchant = await requireRole(tenant, ["MERCHANT"], `/dashboard/products/${id}`);
  const [product, categories] = await Promise.all([
    getProductForEditing(tenant.id, id),
    listCategoryOptions(tenant.id),
  ]);
  if (!product) {
    await recordPageMiss(tenant.id, "/dashboard/products/[id]", merchant);
    notFound();
  }
  const { variants, images, ...fields } = product;
  return (
    <div className="max-w-4xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-2">
        <h1 className="text-2xl font-bold">{product.title}</h1>
        {product.status === "ACTIVE" ? (
          <Link href={`/products/${product.slug}`} className="text-sm underline">
            View in the shop
          </Link>
        ) : null}
      </div>
      <ProductForm categories={categories} product={fields} />
      <VariantManager productId={product.id} variants={variants} currency={tenant.currency} />
      <ImageManager
        productId={product.id}
        images={images}
        options={variants.map((variant) => ({ id: variant.id, title: variant.title }))}
      />
    </div>
  );
}
