import type { Metadata } from "next";
import {
  listListingFacets,
  listProducts,
  MAX_SEARCH_LENGTH,
  parseListingQuery,
  type RawSearchParams,
} from "@/lib/catalog";
import { requireTenant } from "@/lib/tenancy";
import { Breadcrumbs } from "../../_components/breadcrumbs";
import { ListingView } from "../../_components/listing-view";
import { SearchForm } from "../../_components/search-form";

type Props = { params: Promise<{ host: string }>; searchParams: Promise<RawSearchParams> };

export const metadata: Metadata = { title: "Search", robots: { index: false } };

export default async function SearchPage({ params, searchParams }: Props) {
  const tenant = await requireTenant((await params).host);
  const query = parseListingQuery(await searchParams, tenant.currency);
  const scope = { tenantId: tenant.id };
  const [result, facets] = await Promise.all([
    query.q ? listProducts(scope, query) : Promise.resolve(null),
    listListingFacets(scope),
  ]);
  return (
    <>
      <Breadcrumbs items={[{ label: "Home", href: "/" }, { label: "Search" }]} />
      <h1 className="text-3xl font-bold">{query.q ? `Results for “${query.q}”` : "Search"}</h1>
      {query.qTruncated ? (
        <p role="status" className="mt-2 text-sm text-amber-800">
          Your search was shortened to its first {MAX_SEARCH_LENGTH} characters.
        </p>
      ) : null}
      <div className="my-6 max-w-md">
        <SearchForm id="search-page-query" landmarkLabel="Search again" defaultValue={query.q} />
      </div>
      {result ? (
        <ListingView
          basePath="/search"
          query={query}
          result={result}
          facets={facets}
          currency={tenant.currency}
          locale={tenant.locale}
        />
      ) : (
        <p className="text-stone-600">Type a word or two: a product name, a material, a use.</p>
      )}
    </>
  );
}
