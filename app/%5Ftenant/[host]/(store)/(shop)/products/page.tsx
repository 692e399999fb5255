import type { Metadata } from "next";
import { listListingFacets, listProducts, parseListingQuery, type RawSearchParams } from "@/lib/catalog";
import { requireTenant } from "@/lib/tenancy";
import { Breadcrumbs } from "../../_components/breadcrumbs";
import { ListingView } from "../../_components/listing-view";

type Props = { params: Promise<{ host: string }>; searchParams: Promise<RawSearchParams> };

export const metadata: Metadata = { title: "All products", alternates: { canonical: "/products" } };

export default async function AllProductsPage({ params, searchParams }: Props) {
  const tenant = await requireTenant((await params).host);
  const query = parseListingQuery(await searchParams, tenant.currency);
  const scope = { tenantId: tenant.id };
  const [result, facets] = await Promise.all([listProducts(scope, query), listListingFacets(scope)]);
  return (
    <>
      <Breadcrumbs items={[{ label: "Home", href: "/" }, { label: "All products" }]} />
      <h1 className="mb-8 text-3xl font-bold">All products</h1>
      <ListingView
        basePath="/products"
        query={query}
        result={result}
        facets={facets}
        currency={tenant.currency}
        locale={tenant.locale}
      />
    </>
  );
}
