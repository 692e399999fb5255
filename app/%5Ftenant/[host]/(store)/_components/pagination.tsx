import Link from "next/link";
import type { ListingQuery } from "@/lib/catalog";
import { buildListingHref } from "./listing-href";

type Props = { basePath: string; query: ListingQuery; currency: string; page: number; pageCount: number };

/**
 * The pages to link: the first, the last, and two either side of the current one; null marks a
 * gap. A fixed number of links whatever the catalog's size (a link per page made a 100× catalog's
 * listing twice as heavy to render and to send).
 */
export function pageWindow(page: number, pageCount: number): (number | null)[] {
  const shown = [...new Set([1, page - 2, page - 1, page, page + 1, page + 2, pageCount])]
    .filter((n) => n >= 1 && n <= pageCount)
    .sort((a, b) => a - b);
  return shown.flatMap((n, i) => (i > 0 && n - shown[i - 1]! > 1 ? [null, n] : [n]));
}

export function Pagination({ basePath, query, currency, page, pageCount }: Props) {
  if (pageCount <= 1) return null;
  const href = (target: number) => buildListingHref(basePath, query, currency, { page: target });
  const linkClass = "rounded-md border border-stone-300 px-3 py-2 text-sm hover:border-accent-text";
  return (
    <nav aria-label="Pagination" className="mt-8 flex items-center justify-center gap-2">
      {page > 1 ? (
        <Link href={href(page - 1)} className={linkClass} rel="prev">
          Previous
        </Link>
      ) : null}
      <ol className="flex gap-1">
        {pageWindow(page, pageCount).map((n, i) => (
          <li key={n ?? `gap-${i}`}>
            {n === null ? (
              <span className="block px-1 py-2 text-sm text-stone-500" aria-hidden="true">
                …
              </span>
            ) : n === page ? (
              <span
                aria-current="page"
                className="block rounded-md bg-accent px-3 py-2 text-sm font-semibold text-accent-ink"
              >
                {n}
              </span>
            ) : (
              <Link href={href(n)} className={`block ${linkClass}`} aria-label={`Page ${n}`}>
                {n}
              </Link>
            )}
          </li>
        ))}
      </ol>
      {page < pageCount ? (
        <Link href={href(page + 1)} className={linkClass} rel="next">
          Next
        </Link>
      ) : null}
    </nav>
  );
}
