import Image from "next/image";
import Link from "next/link";
import { listCategories, listFeaturedProducts } from "@/lib/catalog";
import { requireTenant } from "@/lib/tenancy";
import { ProductGrid } from "../_components/product-card";

type Props = { params: Promise<{ host: string }> };

export default async function StoreHomePage({ params }: Props) {
  const tenant = await requireTenant((await params).host);
  const [categories, featured] = await Promise.all([listCategories(tenant.id), listFeaturedProducts(tenant.id)]);
  return (
    <div className="space-y-12">
      <section className="rounded-2xl bg-accent px-6 py-14 text-accent-ink sm:px-12">
        <h1 className="max-w-2xl text-4xl font-bold tracking-tight sm:text-5xl">{tenant.tagline}</h1>
        <p className="mt-4 max-w-xl text-lg">{tenant.description}</p>
        <Link
          href="/products"
          className="mt-8 inline-block rounded-md bg-white px-5 py-3 font-semibold text-stone-900 hover:bg-stone-100"
        >
          Shop all products
        </Link>
      </section>
      <section aria-labelledby="categories-heading">
        <h2 id="categories-heading" className="mb-4 text-2xl font-bold">
          Shop by category
        </h2>
        <ul className="grid grid-cols-2 gap-4 md:grid-cols-4">
          {categories.map((category) => (
            <li key={category.slug}>
              <Link
                href={`/categories/${category.slug}`}
                className="group block overflow-hidden rounded-lg border border-stone-200 bg-white"
              >
                <Image
                  src={`/assets/catalog/${tenant.slug}/category-${category.slug}.svg`}
                  alt=""
                  width={400}
                  height={400}
                  unoptimized
                  className="aspect-[4/3] w-full object-cover group-hover:opacity-90"
                />
                <span className="block p-3 font-medium">{category.name}</span>
              </Link>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="featured-heading">
        <h2 id="featured-heading" className="mb-4 text-2xl font-bold">
          Featured
        </h2>
        <ProductGrid products={featured} currency={tenant.currency} />
      </section>
    </div>
  );
}
