import Link from "next/link";
import { listCategories, listFeaturedProducts } from "@/lib/catalog";
import { findCategoryArt } from "@/lib/catalog/category-art";
import { requireTenant } from "@/lib/tenancy";
import { ProductGrid } from "../_components/product-card";
import { StoreImage } from "../../_components/store-image";

type Props = { params: Promise<{ host: string }> };

// A brand-new store renders cleanly: no heading without content under it, no image that is not
// there (a category without art gets a drawn placeholder), the store's name when it has no tagline.
export default async function StoreHomePage({ params }: Props) {
  const tenant = await requireTenant((await params).host);
  const [categories, featured] = await Promise.all([listCategories(tenant.id), listFeaturedProducts(tenant.id)]);
  return (
    <div className="space-y-12">
      <section className="rounded-2xl bg-accent px-6 py-14 text-accent-ink sm:px-12">
        <h1 className="max-w-2xl text-4xl font-bold tracking-tight sm:text-5xl">{tenant.tagline || tenant.name}</h1>
        {tenant.description ? <p className="mt-4 max-w-xl text-lg">{tenant.description}</p> : null}
        <Link
          href="/products"
          className="mt-8 inline-block rounded-md bg-white px-5 py-3 font-semibold text-stone-900 hover:bg-stone-100"
        >
          Shop all products
        </Link>
      </section>
      {categories.length > 0 ? (
        <section aria-labelledby="categories-heading">
          <h2 id="categories-heading" className="mb-4 text-2xl font-bold">
            Shop by category
          </h2>
          <ul className="grid grid-cols-2 gap-4 md:grid-cols-4">
            {categories.map((category) => {
              const art = findCategoryArt(tenant.slug, category.slug);
              return (
                <li key={category.slug}>
                  <Link
                    href={`/categories/${category.slug}`}
                    className="group block overflow-hidden rounded-lg border border-stone-200 bg-white"
                  >
                    {art ? (
                      <StoreImage
                        src={art}
                        alt=""
                        width={400}
                        height={400}
                        className="aspect-[4/3] w-full object-cover group-hover:opacity-90"
                      />
                    ) : (
                      <span
                        aria-hidden="true"
                        data-testid="category-placeholder"
                        className="flex aspect-[4/3] w-full items-center justify-center bg-stone-100 text-5xl font-bold text-stone-500"
                      >
                        {category.name.charAt(0).toUpperCase()}
                      </span>
                    )}
                    <span className="block p-3 font-medium">{category.name}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}
      {featured.length > 0 ? (
        <section aria-labelledby="featured-heading">
          <h2 id="featured-heading" className="mb-4 text-2xl font-bold">
            Featured
          </h2>
          <ProductGrid products={featured} currency={tenant.currency} locale={tenant.locale} />
        </section>
      ) : null}
    </div>
  );
}
