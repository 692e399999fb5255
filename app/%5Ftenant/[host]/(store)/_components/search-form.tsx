import { MAX_SEARCH_LENGTH } from "@/lib/catalog/listing-query";

// A plain GET form: search works without JavaScript and every result page has a shareable URL.
export function SearchForm({ defaultValue = "" }: { defaultValue?: string }) {
  return (
    <form action="/search" method="get" role="search" className="flex">
      <label htmlFor="site-search" className="sr-only">
        Search products
      </label>
      <input
        id="site-search"
        name="q"
        type="search"
        defaultValue={defaultValue}
        maxLength={MAX_SEARCH_LENGTH}
        placeholder="Search products"
        className="w-full rounded-l-md border border-stone-300 px-3 py-2 text-sm focus:border-accent-text"
      />
      <button type="submit" className="rounded-r-md bg-accent px-4 text-sm font-semibold text-accent-ink">
        Search
      </button>
    </form>
  );
}
