import type { Metadata } from "next";
import { requireRole } from "@/lib/identity/current-user";
import { requireTenant } from "@/lib/tenancy";
import { getStoreSettings } from "@/lib/tenancy/store-settings";
import { LogoForm } from "../_components/logo-form";
import { OwnersOnly } from "../_components/owners-only";
import { SettingsForm } from "../_components/settings-form";

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: "Store settings · Dashboard", robots: { index: false } };

export default async function StoreSettingsPage({ params }: Props) {
  const tenant = await requireTenant((await params).host);
  const user = await requireRole(tenant, ["MERCHANT"], "/dashboard/settings");
  // Staff run the shop (products, orders, categories); what the store is — its name, look,
  // currency and policies — is the owners' to change, as the settings routes enforce.
  if (user.storeRole !== "OWNER") return <OwnersOnly title="Store settings" what="its settings" />;
  const { logoPath, ...settings } = await getStoreSettings(tenant.id);
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">Store settings</h1>
      <LogoForm logoPath={logoPath} />
      <SettingsForm settings={settings} />
    </div>
  );
}
