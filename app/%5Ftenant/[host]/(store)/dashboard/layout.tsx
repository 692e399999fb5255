import Link from "next/link";
import { DemoPaymentsBanner } from "../../_components/demo-payments-banner";
import { requireRole } from "@/lib/identity/current-user";
import { requireTenant } from "@/lib/tenancy";

type Props = { children: React.ReactNode; params: Promise<{ host: string }> };

const LINKS = [
  { href: "/dashboard", label: "Overview" },
  { href: "/dashboard/products", label: "Products" },
  { href: "/dashboard/categories", label: "Categories" },
  { href: "/dashboard/orders", label: "Orders" },
  { href: "/dashboard/shipping", label: "Shipping and tax" },
  { href: "/dashboard/discounts", label: "Discounts" },
  { href: "/dashboard/audit", label: "Audit trail" },
  { href: "/dashboard/team", label: "Team" },
  { href: "/dashboard/settings", label: "Settings" },
];

// Merchants of this store only; everyone else signed in gets a 404, signed-out visitors sign in.
export default async function DashboardLayout({ children, params }: Props) {
  const tenant = await requireTenant((await params).host);
  await requireRole(tenant, ["MERCHANT"], "/dashboard");
  return (
    <div className="space-y-6">
      <DemoPaymentsBanner />
      <nav aria-label="Dashboard" className="flex flex-wrap gap-2 border-b border-stone-200 pb-3">
        {LINKS.map((link) => (
          <Link
            key={link.href}
            href={link.href}
            className="rounded-md px-3 py-1 text-sm font-medium hover:bg-stone-100"
          >
            {link.label}
          </Link>
        ))}
      </nav>
      {children}
    </div>
  );
}
