import type { Metadata } from "next";
import Link from "next/link";
import { requireTenant } from "@/lib/tenancy";
import { accentStyle } from "@/lib/tenancy/accent-colour";
import { DemoPaymentsBanner } from "../_components/demo-payments-banner";

type Props = { children: React.ReactNode; params: Promise<{ host: string }> };

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const tenant = await requireTenant((await params).host, "PLATFORM");
  return {
    title: { default: tenant.name, template: `%s · ${tenant.name}` },
    robots: { index: false },
    icons: { icon: "/assets/bulwark-icon.svg" },
  };
}

export default async function PlatformLayout({ children, params }: Props) {
  const tenant = await requireTenant((await params).host, "PLATFORM");
  return (
    <div style={accentStyle(tenant.accentColor) as React.CSSProperties} className="min-h-screen">
      {/* In the header: all content sits in a landmark. */}
      <header className="bg-stone-900 text-white">
        <DemoPaymentsBanner />
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-4 sm:px-6">
          <Link href="/admin" className="text-lg font-bold">
            {tenant.name}
          </Link>
          <nav aria-label="Administration" className="flex gap-4 text-sm text-stone-300">
            <Link href="/admin" className="hover:text-white">
              Overview
            </Link>
            <Link href="/admin/events" className="hover:text-white">
              Security log
            </Link>
            <Link href="/admin/mail" className="hover:text-white">
              Mail
            </Link>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl px-4 py-8 sm:px-6">
        {children}
      </main>
    </div>
  );
}
