import type { Metadata } from "next";
import { readShopperCartForRender } from "@/lib/cart/shopper-cart";
import { getCurrentUser } from "@/lib/identity/current-user";
import { requireTenant } from "@/lib/tenancy";
import { Breadcrumbs } from "../../_components/breadcrumbs";
import { CartView } from "./_components/cart-view";

type Props = {
  params: Promise<{ host: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
};

export const metadata: Metadata = { title: "Your cart", robots: { index: false } };

export default async function CartPage({ params, searchParams }: Props) {
  const tenant = await requireTenant((await params).host);
  const user = await getCurrentUser(tenant);
  const cart = await readShopperCartForRender(tenant, user);
  const cancelled = (await searchParams).checkout === "cancelled";
  return (
    <>
      <Breadcrumbs items={[{ label: "Home", href: "/" }, { label: "Cart" }]} />
      <h1 className="mb-6 text-3xl font-bold">Your cart</h1>
      <CartView
        initialCart={cart}
        locale={tenant.locale}
        {...(cancelled ? { notice: "Checkout cancelled. Nothing was charged; your items are still here." } : {})}
      />
    </>
  );
}
