import type { Metadata } from "next";
import { requireRole } from "@/lib/identity/current-user";
import { requireTenant } from "@/lib/tenancy";
import { getStoreSettings } from "@/lib/tenancy/store-settings";
import { LogoForm } from "../_components/logo-form";
import { SettingsForm } from "../_components/settings-form";

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: "Store settings · Dashboard", robots: { index: false } };

export default async function StoreSettingsPage({ params }: Props) {
  const tenant = await requireTenant((await params).host);
  const user = await requireRole(tenant, ["MERCHANT"], "/dashboard/settings");
  if (user.storeRole !== "OWNER") {
    // Staff run the shop (products, orders, categories); what the store is — its name, look,
    // currency and policies — is the owners' to change, as the settings routes enforce.
    return (
      <div className="max-w-3xl space-y-4">
        <h1 className="text-2xl font-bold">Store settings</h1>
        <p role="status" className="rounded-md bg-stone-100 p-4 text-stone-700">
          Only the store&apos;s owners can change its settings. Ask an owner (see Team) if something here needs to change.
        </p>
      </div>
    );
  }
  const { logoPath, ...settings } = await getStoreSettings(tenant.id);
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">Store settings</h1>
      <LogoForm logoPath={logoPath} />
      <SettingsForm settings={settings} />
    </div>
  );
}
