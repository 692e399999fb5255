import type { Metadata } from "next";
import { formatMoney } from "@/lib/catalog/money";
import { SHIPPING_COUNTRIES, countryName } from "@/lib/checkout/shipping-countries";
import { getShippingSettings } from "@/lib/checkout/shipping-options";
import { requireRole } from "@/lib/identity/current-user";
import { requireTenant } from "@/lib/tenancy";
import { OwnersOnly } from "../_components/owners-only";
import { ShippingManager } from "../_components/shipping-manager";

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: "Shipping and tax · Dashboard", robots: { index: false } };

export default async function ShippingPage({ params }: Props) {
  const tenant = await requireTenant((await params).host);
  const user = await requireRole(tenant, ["MERCHANT"], "/dashboard/shipping");
  if (user.storeRole !== "OWNER") return <OwnersOnly title="Shipping and tax" what="shipping and tax" />;
  const settings = await getShippingSettings(tenant.id);
  const countries = SHIPPING_COUNTRIES.map((code) => ({
    code,
    name: countryName(code, tenant.locale),
    chosen: settings.countries.includes(code),
  })).sort((a, b) => a.name.localeCompare(b.name, tenant.locale));
  const rates = settings.rates.map((rate) => ({
    id: rate.id,
    name: rate.name,
    price: rate.amountMinor === 0 ? "Free" : formatMoney(rate.amountMinor, rate.currency, tenant.locale),
    delivery: rate.minDays
      ? `${rate.minDays === rate.maxDays || !rate.maxDays ? rate.minDays : `${rate.minDays}–${rate.maxDays}`} business days`
      : null,
    active: rate.active,
    offered: rate.currency === tenant.currency,
  }));
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">Shipping and tax</h1>
      <ShippingManager
        countries={countries}
        automaticTax={settings.automaticTax}
        rates={rates}
        currency={tenant.currency}
      />
    </div>
  );
}
