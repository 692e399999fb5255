import Link from "next/link";
import { PAGE_SIZE, SORT_OPTIONS, type ListingFacets, type ListingQuery, type ProductPage } from "@/lib/catalog";
import { getMinorUnitDigits } from "@/lib/catalog/money";
import { AutoSubmitSelect } from "./auto-submit-select";
import { Pagination } from "./pagination";
import { ProductGrid } from "./product-card";

type Props = {
  basePath: string;
  query: ListingQuery;
  result: ProductPage;
  facets: ListingFacets;
  currency: string;
};

const inputClass = "w-full rounded-md border border-stone-300 px-3 py-2 text-sm";

export function ListingView({ basePath, query, result, facets, currency }: Props) {
  const digits = getMinorUnitDigits(currency);
  const major = (minor: number | undefined) => (minor === undefined ? "" : String(minor / 10 ** digits));
  const first = (result.page - 1) * PAGE_SIZE + 1;
  return (
    <div className="grid gap-8 md:grid-cols-[14rem_1fr]">
      <form action={basePath} method="get" aria-label="Filter products" className="space-y-5" id="listing-filters">
        {query.q ? <input type="hidden" name="q" value={query.q} /> : null}
        <div>
          <label htmlFor="sort" className="mb-1 block text-sm font-medium">
            Sort by
          </label>
          <AutoSubmitSelect id="sort" name="sort" defaultValue={query.sort} className={inputClass}>
            {SORT_OPTIONS.map((option) => (
              <option key={option.value} value={option.value}>
                {option.label}
              </option>
            ))}
          </AutoSubmitSelect>
        </div>
        <fieldset>
          <legend className="mb-1 text-sm font-medium">Price ({currency})</legend>
          <div className="flex items-center gap-2">
            <label htmlFor="min" className="sr-only">
              Minimum price
            </label>
            <input
              id="min"
              name="min"
              inputMode="decimal"
              placeholder="Min"
              defaultValue={major(query.minPriceMinor)}
              className={inputClass}
            />
            <span aria-hidden="true">–</span>
            <label htmlFor="max" className="sr-only">
              Maximum price
            </label>
            <input
              id="max"
              name="max"
              inputMode="decimal"
              placeholder="Max"
              defaultValue={major(query.maxPriceMinor)}
              className={inputClass}
            />
          </div>
        </fieldset>
        <div className="flex items-center gap-2">
          <input
            id="inStock"
            name="inStock"
            type="checkbox"
            value="1"
            defaultChecked={query.inStock}
            className="size-4 accent-accent"
          />
          <label htmlFor="inStock" className="text-sm">
            In stock only
          </label>
        </div>
        {facets.sizes.length > 0 ? (
          <div>
            <label htmlFor="size" className="mb-1 block text-sm font-medium">
              Size
            </label>
            <select id="size" name="size" defaultValue={query.size ?? ""} className={inputClass}>
              <option value="">Any size</option>
              {facets.sizes.map((size) => (
                <option key={size}>{size}</option>
              ))}
            </select>
          </div>
        ) : null}
        {facets.colors.length > 0 ? (
          <div>
            <label htmlFor="color" className="mb-1 block text-sm font-medium">
              Colour
            </label>
            <select id="color" name="color" defaultValue={query.color ?? ""} className={inputClass}>
              <option value="">Any colour</option>
              {facets.colors.map((color) => (
                <option key={color}>{color}</option>
              ))}
            </select>
          </div>
        ) : null}
        <div className="flex gap-2">
          <button type="submit" className="rounded-md bg-accent px-4 py-2 text-sm font-semibold text-accent-ink">
            Apply filters
          </button>
          <Link
            href={query.q ? `${basePath}?q=${encodeURIComponent(query.q)}` : basePath}
            className="px-2 py-2 text-sm underline"
          >
            Clear
          </Link>
        </div>
      </form>
      <section aria-labelledby="results-heading">
        <h2 id="results-heading" className="mb-4 text-sm text-stone-600" aria-live="polite">
          {result.total === 0
            ? "No products match these filters."
            : `Showing ${first}–${first + result.items.length - 1} of ${result.total} ${result.total === 1 ? "product" : "products"}`}
        </h2>
        <ProductGrid products={result.items} currency={currency} />
        <Pagination
          basePath={basePath}
          query={query}
          currency={currency}
          page={result.page}
          pageCount={result.pageCount}
        />
      </section>
    </div>
  );
}
