import Link from "next/link";
import type { CategoryDto } from "@/lib/catalog";
import type { TenantDto } from "@/lib/tenancy";
import { POLICY_KINDS, type PolicyKind } from "@/lib/tenancy/store-options";
import { navCategories } from "./store-header";

/** The store's name, what it sells, and the policies it has written (none linked when empty). */
export function StoreFooter({ tenant, categories }: { tenant: TenantDto; categories: CategoryDto[] }) {
  const policies = (Object.keys(POLICY_KINDS) as PolicyKind[]).filter((kind) => tenant.policies[kind].trim() !== "");
  return (
    <footer className="mt-12 border-t border-stone-200 bg-white">
      <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 sm:grid-cols-3 sm:px-6">
        <div>
          <p className="font-semibold">{tenant.name}</p>
          {tenant.description ? <p className="mt-2 max-w-sm text-sm text-stone-600">{tenant.description}</p> : null}
          <p className="mt-3 text-sm">
            <Link href="/orders/find" className="text-stone-600 underline hover:text-accent-text">
              Find your order
            </Link>
          </p>
        </div>
        <nav aria-label="Footer">
          <p className="font-semibold">Shop</p>
          <ul className="mt-2 grid grid-cols-2 gap-1 text-sm text-stone-600">
            <li>
              <Link href="/products" className="hover:text-accent-text">
                All products
              </Link>
            </li>
            {navCategories(categories).map((category) => (
              <li key={category.slug}>
                <Link href={`/categories/${category.slug}`} className="hover:text-accent-text">
                  {category.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {policies.length > 0 ? (
          <nav aria-label="Policies" data-testid="footer-policies">
            <p className="font-semibold">Policies</p>
            <ul className="mt-2 space-y-1 text-sm text-stone-600">
              {policies.map((kind) => (
                <li key={kind}>
                  <Link href={`/policies/${kind}`} className="hover:text-accent-text">
                    {POLICY_KINDS[kind].title}
                  </Link>
                </li>
              ))}
            </ul>
          </nav>
        ) : null}
      </div>
      <p className="border-t border-stone-100 py-4 text-center text-xs text-stone-500">
        © {new Date().getFullYear()} {tenant.name}. Prices in {tenant.currency}.
      </p>
    </footer>
  );
}
