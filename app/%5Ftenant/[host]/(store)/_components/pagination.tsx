import Link from "next/link";
import type { ListingQuery } from "@/lib/catalog";
import { buildListingHref } from "./listing-href";

type Props = { basePath: string; query: ListingQuery; currency: string; page: number; pageCount: number };

export function Pagination({ basePath, query, currency, page, pageCount }: Props) {
  if (pageCount <= 1) return null;
  const href = (target: number) => buildListingHref(basePath, query, currency, { page: target });
  const linkClass = "rounded-md border border-stone-300 px-3 py-2 text-sm hover:border-accent";
  return (
    <nav aria-label="Pagination" className="mt-8 flex items-center justify-center gap-2">
      {page > 1 ? (
        <Link href={href(page - 1)} className={linkClass} rel="prev">
          Previous
        </Link>
      ) : null}
      <ol className="flex gap-1">
        {Array.from({ length: pageCount }, (_, i) => i + 1).map((n) => (
          <li key={n}>
            {n === page ? (
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
