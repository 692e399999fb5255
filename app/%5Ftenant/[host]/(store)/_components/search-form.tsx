import { MAX_SEARCH_LENGTH } from "@/lib/catalog/listing-query";

type Props = {
  defaultValue?: string;
  /** The input's id: unique on the page, which can hold two of these (the header's and the search page's). */
  id: string;
  /** Names the search landmark: two landmarks of one role must be told apart by name. */
  landmarkLabel: string;
};

// A plain GET form: search works without JavaScript and every result page has a shareable URL.
export function SearchForm({ defaultValue = "", id, landmarkLabel }: Props) {
  return (
    <form action="/search" method="get" role="search" aria-label={landmarkLabel} className="flex">
      <label htmlFor={id} className="sr-only">
        Search products
      </label>
      <input
        id={id}
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
