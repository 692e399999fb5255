import Link from "next/link";
import type { CategoryDto } from "@/lib/catalog";
import type { TenantDto } from "@/lib/tenancy";
import { SearchForm } from "./search-form";
import { StoreImage } from "../../_components/store-image";

/**
 * The categories the navigation links to after its own "All products": one link per label, so a
 * category named like that link (stores created before issue 16 got one) or like another
 * category does not show twice.
 */
export function navCategories(categories: CategoryDto[]): CategoryDto[] {
  const seen = new Set(["all products"]);
  return categories.filter((category) => {
    const label = category.name.trim().toLowerCase();
    if (seen.has(label)) return false;
    seen.add(label);
    return true;
  });
}

type Account = { name: string; role: "CUSTOMER" | "MERCHANT" | "ADMINISTRATOR" } | null;

export function StoreHeader({
  tenant,
  categories,
  account,
  cartCount,
}: {
  tenant: TenantDto;
  categories: CategoryDto[];
  account: Account;
  cartCount: number;
}) {
  return (
    <header className="border-b border-stone-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-4 sm:px-6">
        <Link href="/" className="flex items-center gap-3" aria-label={`${tenant.name} home`}>
          {tenant.logoPath ? (
            <StoreImage
              src={tenant.logoPath}
              alt=""
              width={40}
              height={40}
              priority
              className="size-10 object-contain"
            />
          ) : null}
          <span className="text-xl font-bold tracking-tight">{tenant.name}</span>
        </Link>
        <div className="order-3 w-full sm:order-2 sm:ml-auto sm:w-80">
          <SearchForm id="site-search" landmarkLabel="Store" />
        </div>
        <nav
          aria-label="Account"
          className="order-2 ml-auto flex items-center gap-4 text-sm font-medium sm:order-3 sm:ml-0"
        >
          {account?.role === "MERCHANT" ? (
            <Link href="/dashboard" className="hover:text-accent-text">
              Dashboard
            </Link>
          ) : null}
          <Link href="/cart" className="hover:text-accent-text" data-testid="cart-link">
            Cart <span className="rounded-full bg-accent px-2 py-0.5 text-xs text-accent-ink">{cartCount}</span>
            <span className="sr-only"> items</span>
          </Link>
          {account ? (
            <Link href="/account" className="hover:text-accent-text">
              Account <span className="sr-only">({account.name})</span>
            </Link>
          ) : (
            <Link href="/sign-in" className="hover:text-accent-text">
              Sign in
            </Link>
          )}
        </nav>
      </div>
      <nav aria-label="Categories" className="border-t border-stone-100">
        <ul className="category-bar mx-auto flex max-w-6xl gap-1 overflow-x-auto px-2 sm:px-4">
          <li>
            <Link
              href="/products"
              className="block whitespace-nowrap px-3 py-3 text-sm font-medium text-stone-700 hover:text-accent-text"
            >
              All products
            </Link>
          </li>
          {navCategories(categories).map((category) => (
            <li key={category.slug}>
              <Link
                href={`/categories/${category.slug}`}
                className="block whitespace-nowrap px-3 py-3 text-sm font-medium text-stone-700 hover:text-accent-text"
              >
                {category.name}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
    </header>
  );
}
