import type { Metadata } from "next";
import { listCategories } from "@/lib/catalog";
import { OPEN_GRAPH_SIZE } from "@/lib/catalog/open-graph-size";
import { readShopperCartForRender } from "@/lib/cart/shopper-cart";
import { getCurrentUser } from "@/lib/identity/current-user";
import { requireTenant } from "@/lib/tenancy";
import { getCanonicalOrigin } from "@/lib/tenancy/store-origin";
import { accentStyle } from "@/lib/tenancy/accent-colour";
import { StoreFooter } from "./_components/store-footer";
import { StoreHeader } from "./_components/store-header";

type Props = { children: React.ReactNode; params: Promise<{ host: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const tenant = await requireTenant((await params).host);
  const origin = await getCanonicalOrigin(tenant);
  return {
    metadataBase: new URL(origin),
    title: { default: `${tenant.name} — ${tenant.tagline}`, template: `%s · ${tenant.name}` },
    description: tenant.description,
    applicationName: tenant.name,
    // Without a logo, the platform's icon: a browser would otherwise ask for /favicon.ico (a 404).
    icons: { icon: tenant.logoPath ?? "/assets/bulwark-icon.svg" },
    openGraph: {
      type: "website",
      siteName: tenant.name,
      title: tenant.name,
      description: tenant.description,
      url: origin,
      images: [{ url: "/opengraph.png", ...OPEN_GRAPH_SIZE, alt: tenant.name }],
    },
    twitter: { card: "summary_large_image" },
  };
}

export default async function ShopLayout({ children, params }: Props) {
  const tenant = await requireTenant((await params).host);
  const [categories, user] = await Promise.all([listCategories(tenant.id), getCurrentUser(tenant)]);
  const cart = await readShopperCartForRender(tenant, user);
  return (
    <div style={accentStyle(tenant.accentColor) as React.CSSProperties} className="flex min-h-screen flex-col">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <StoreHeader
        tenant={tenant}
        categories={categories}
        account={user ? { name: user.name || user.email, role: user.role } : null}
        cartCount={cart.itemCount}
      />
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
        {children}
      </main>
      <StoreFooter tenant={tenant} categories={categories} />
    </div>
  );
}
