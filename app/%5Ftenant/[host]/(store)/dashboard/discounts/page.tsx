import type { Metadata } from "next";
import { formatMoney } from "@/lib/catalog/money";
import { listDiscountCodes } from "@/lib/checkout/discount-codes";
import { requireRole } from "@/lib/identity/current-user";
import { requireTenant } from "@/lib/tenancy";
import { DiscountManager } from "../_components/discount-manager";
import { OwnersOnly } from "../_components/owners-only";

type Props = { params: Promise<{ host: string }> };

export const metadata: Metadata = { title: "Discount codes · Dashboard", robots: { index: false } };

export default async function DiscountsPage({ params }: Props) {
  const tenant = await requireTenant((await params).host);
  const user = await requireRole(tenant, ["MERCHANT"], "/dashboard/discounts");
  if (user.storeRole !== "OWNER") return <OwnersOnly title="Discount codes" what="discount codes" />;
  const dates = new Intl.DateTimeFormat(tenant.locale, { dateStyle: "medium", timeZone: "UTC" });
  const codes = (await listDiscountCodes(tenant.id)).map((code) => ({
    id: code.id,
    code: code.code,
    value:
      code.percentOff !== null
        ? `${code.percentOff} % off`
        : `${formatMoney(code.amountOffMinor ?? 0, code.currency ?? tenant.currency, tenant.locale)} off`,
    expires: code.expiresAt ? dates.format(code.expiresAt) : null,
    active: code.active,
    orders: code.orders,
  }));
  return (
    <div className="max-w-3xl space-y-6">
      <h1 className="text-2xl font-bold">Discount codes</h1>
      <DiscountManager codes={codes} currency={tenant.currency} />
    </div>
  );
}
