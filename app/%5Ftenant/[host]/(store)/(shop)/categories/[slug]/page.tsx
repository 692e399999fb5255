import type { Metadata } from "next";
import { notFound } from "next/navigation";
import {
  findCategoryBySlug,
  listListingFacets,
  listProducts,
  parseListingQuery,
  type RawSearchParams,
} from "@/lib/catalog";
import { recordPageMiss } from "@/lib/telemetry/page-miss";
import { requireTenant } from "@/lib/tenancy";
import { Breadcrumbs } from "../../../_components/breadcrumbs";
import { ListingView } from "../../../_components/listing-view";

type Props = { params: Promise<{ host: string; slug: string }>; searchParams: Promise<RawSearchParams> };

async function load(params: Props["params"]) {
  const { host, slug } = await params;
  const tenant = await requireTenant(host);
  const category = await findCategoryBySlug(tenant.id, slug);
  if (!category) {
    await recordPageMiss(tenant.id, "/categories/[slug]");
    notFound();
  }
  return { tenant, category };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { category } = await load(params);
  return {
    title: category.name,
    description: category.description,
    alternates: { canonical: `/categories/${category.slug}` },
  };
}

export default async function CategoryPage({ params, searchParams }: Props) {
  const { tenant, category } = await load(params);
  const query = parseListingQuery(await searchParams, tenant.currency);
  const scope = { tenantId: tenant.id, categoryId: category.id };
  const [result, facets] = await Promise.all([listProducts(scope, query), listListingFacets(scope)]);
  return (
    <>
      <Breadcrumbs items={[{ label: "Home", href: "/" }, { label: category.name }]} />
      <h1 className="text-3xl font-bold">{category.name}</h1>
      <p className="mb-8 mt-2 text-stone-600">{category.description}</p>
      <ListingView
        basePath={`/categories/${category.slug}`}
        query={query}
        result={result}
        facets={facets}
        currency={tenant.currency}
        locale={tenant.locale}
      />
    </>
  );
}
