import Link from "next/link";
import { PAGE_SIZE, SORT_OPTIONS, type ListingFacets, type ListingQuery, type ProductPage } from "@/lib/catalog";
import { getMinorUnitDigits } from "@/lib/catalog/money";
import { AutoSubmitSelect } from "./auto-submit-select";
import { FilterPanel } from "./filter-panel";
import { Pagination } from "./pagination";
import { ProductGrid } from "./product-card";

type Props = {
  basePath: string;
  query: ListingQuery;
  result: ProductPage;
  facets: ListingFacets;
  currency: string;
  locale: string;
};

const inputClass = "w-full rounded-md border border-stone-300 px-3 py-2 text-sm";

type OptionFilterProps = {
  name: string;
  label: string;
  anyLabel: string;
  options: string[];
  value: string | undefined;
};

function OptionFilter({ name, label, anyLabel, options, value }: OptionFilterProps) {
  if (options.length === 0) return null;
  return (
    <div>
      <label htmlFor={name} className="mb-1 block text-sm font-medium">
        {label}
      </label>
      <select id={name} name={name} defaultValue={value ?? ""} className={inputClass}>
        <option value="">{anyLabel}</option>
        {options.map((option) => (
          <option key={option}>{option}</option>
        ))}
      </select>
    </div>
  );
}

/** Filters narrowing the list (the search words and the sort order are not filters). */
function countActiveFilters(query: ListingQuery): number {
  return [query.minPriceMinor, query.maxPriceMinor, query.inStock || undefined, query.size, query.color].filter(
    (value) => value !== undefined,
  ).length;
}

export function ListingView({ basePath, query, result, facets, currency, locale }: Props) {
  const digits = getMinorUnitDigits(currency);
  const major = (minor: number | undefined) => (minor === undefined ? "" : String(minor / 10 ** digits));
  const first = (result.page - 1) * PAGE_SIZE + 1;
  return (
    <div className="grid gap-4 md:grid-cols-[14rem_1fr] md:gap-8">
      <FilterPanel activeCount={countActiveFilters(query)}>
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
          <OptionFilter name="size" label="Size" anyLabel="Any size" options={facets.sizes} value={query.size} />
          <OptionFilter name="color" label="Colour" anyLabel="Any colour" options={facets.colors} value={query.color} />
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
      </FilterPanel>
      <section aria-labelledby="results-heading">
        <h2 id="results-heading" className="mb-4 text-sm text-stone-600" aria-live="polite">
          {result.total === 0
            ? "No products match these filters."
            : `Showing ${first}–${first + result.items.length - 1} of ${result.total} ${result.total === 1 ? "product" : "products"}`}
        </h2>
        <ProductGrid products={result.items} currency={currency} locale={locale} />
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
