import Link from "next/link";
import type { CategoryDto } from "@/lib/catalog";
import type { TenantDto } from "@/lib/tenancy";

export function StoreFooter({ tenant, categories }: { tenant: TenantDto; categories: CategoryDto[] }) {
  return (
    <footer className="mt-12 border-t border-stone-200 bg-white">
      <div className="mx-auto grid max-w-6xl gap-8 px-4 py-10 sm:grid-cols-2 sm:px-6">
        <div>
          <p className="font-semibold">{tenant.name}</p>
          <p className="mt-2 max-w-sm text-sm text-stone-600">{tenant.description}</p>
        </div>
        <nav aria-label="Footer">
          <p className="font-semibold">Shop</p>
          <ul className="mt-2 grid grid-cols-2 gap-1 text-sm text-stone-600">
            {categories.map((category) => (
              <li key={category.slug}>
                <Link href={`/categories/${category.slug}`} className="hover:text-accent">
                  {category.name}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      <p className="border-t border-stone-100 py-4 text-center text-xs text-stone-500">
        © {new Date().getFullYear()} {tenant.name}. Prices in {tenant.currency}.
      </p>
    </footer>
  );
}
