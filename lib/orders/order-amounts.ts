// Pure: an order's amounts and address as the shopper, the merchant and the mails show them.
import { countryName } from "@/lib/checkout/shipping-countries";
import type { ShippingAddress } from "./charged-amounts";

export type AmountFacts = {
  subtotalMinor: number;
  discountMinor: number;
  discountCode: string | null;
  shippingMinor: number;
  shippingMethod: string | null;
  taxMinor: number;
  totalMinor: number;
};

export type AmountRow = { label: string; minor: number; total?: true };

/** Subtotal, discount, shipping, tax and total; the lines that do not apply are left out. */
export function listAmountRows(order: AmountFacts): AmountRow[] {
  const rows: AmountRow[] = [{ label: "Subtotal", minor: order.subtotalMinor }];
  if (order.discountMinor > 0)
    rows.push({
      label: `Discount${order.discountCode ? ` (${order.discountCode})` : ""}`,
      minor: -order.discountMinor,
    });
  if (order.shippingMethod !== null || order.shippingMinor > 0)
    rows.push({
      label: `Shipping${order.shippingMethod ? ` (${order.shippingMethod})` : ""}`,
      minor: order.shippingMinor,
    });
  if (order.taxMinor > 0) rows.push({ label: "Tax", minor: order.taxMinor });
  rows.push({ label: "Total", minor: order.totalMinor, total: true });
  return rows;
}

/** The address as lines on a label: name, street, town with region and postcode, country. */
export function formatAddressLines(address: ShippingAddress, locale = "en-US"): string[] {
  const town = [address.postalCode, address.city].filter(Boolean).join(" ");
  return [
    address.name,
    address.line1,
    address.line2,
    [town, address.state].filter(Boolean).join(", "),
    countryName(address.country, locale),
  ].filter((line) => line.trim() !== "");
}

export type ShareFacts = { subtotalMinor: number; totalMinor: number; shippingMinor: number; shippingTaxMinor: number };

/**
 * What lines at list price `gross` were paid: their share of what the items cost after the discount
 * and with their tax (the total less shipping and shipping's tax). Without a discount or tax that
 * is the list price.
 */
export function lineShare(order: ShareFacts, gross: number): number {
  const itemsPaid = order.totalMinor - order.shippingMinor - order.shippingTaxMinor;
  if (order.subtotalMinor <= 0 || itemsPaid === order.subtotalMinor) return gross;
  return Math.round((gross * itemsPaid) / order.subtotalMinor);
}
