// The emulator's hosted checkout page: what a shopper sees instead of Stripe's. It works without
// script: the address, phone and shipping choice post with the payment, and the emulator works
// out shipping and tax when the shopper pays.
import type { ShippingRate } from "./checkout-extras";
import type { CheckoutSession, LineItem } from "./objects";

export type CheckoutPageOptions = {
  countries: string[];
  rates: ShippingRate[];
  discountMinor: number;
  automaticTax: boolean;
  phoneRequired: boolean;
};

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const money = (minor: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(
    minor /
      10 ** (new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2),
  );
const countryName = (code: string) => new Intl.DisplayNames(["en"], { type: "region" }).of(code) ?? code;

function field(name: string, label: string, form: URLSearchParams | undefined, attributes = "") {
  const value = form?.get(name) ?? "";
  return `<label for="${name}">${label}</label><input id="${name}" name="${name}" value="${escape(value)}" ${attributes}>`;
}

function addressFields(options: CheckoutPageOptions, form: URLSearchParams | undefined): string {
  if (options.countries.length === 0) return "";
  const chosen = form?.get("country") ?? (options.countries.length === 1 ? options.countries[0] : "");
  const countries = options.countries
    .map((code) => `<option value="${code}"${code === chosen ? " selected" : ""}>${escape(countryName(code))}</option>`)
    .join("");
  return `<fieldset><legend>Shipping address</legend>
${field("name", "Full name", form, 'autocomplete="name" required')}
${field("line1", "Address line 1", form, 'autocomplete="address-line1" required')}
${field("line2", "Address line 2 (optional)", form, 'autocomplete="address-line2"')}
${field("city", "City", form, 'autocomplete="address-level2" required')}
${field("state", "State or region (optional)", form, 'autocomplete="address-level1"')}
${field("postal_code", "Postal code", form, 'autocomplete="postal-code" required')}
<label for="country">Country</label><select id="country" name="country" required><option value="">Choose…</option>${countries}</select>
</fieldset>`;
}

function shippingChoices(session: CheckoutSession, options: CheckoutPageOptions, form: URLSearchParams | undefined) {
  if (options.rates.length === 0) return "";
  const chosen = form?.get("shipping_rate") ?? options.rates[0]!.id;
  const choices = options.rates
    .map(
      (rate) =>
        `<label class="choice"><input type="radio" name="shipping_rate" value="${rate.id}"${rate.id === chosen ? " checked" : ""}> ${escape(rate.display_name)} — ${rate.fixed_amount.amount === 0 ? "Free" : money(rate.fixed_amount.amount, session.currency)}</label>`,
    )
    .join("");
  return `<fieldset><legend>Shipping method</legend>${choices}</fieldset>`;
}

export function renderCheckoutPage(
  session: CheckoutSession,
  items: LineItem[],
  options: CheckoutPageOptions,
  notice?: string,
  form?: URLSearchParams,
): string {
  const rows = items
    .map(
      (item) =>
        `<tr><td>${escape(item.description)} × ${item.quantity}</td><td class="num">${money(item.amount_total, item.currency)}</td></tr>`,
    )
    .join("");
  const discount = options.discountMinor
    ? `<tr><td>Discount</td><td class="num">−${money(options.discountMinor, session.currency)}</td></tr>`
    : "";
  const extras = [options.rates.length ? "shipping" : "", options.automaticTax ? "tax for your country" : ""].filter(
    Boolean,
  );
  const open = session.status === "open";
  const email = form?.get("email") ?? session.customer_email ?? "";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Test checkout</title>
<style>
body{font-family:system-ui,sans-serif;background:#f6f9fc;color:#1a1f36;margin:0;padding:2rem}
main{max-width:30rem;margin:auto;background:#fff;border-radius:12px;padding:2rem;box-shadow:0 2px 12px #0001}
.banner{background:#fff3cd;color:#664d03;padding:.5rem .75rem;border-radius:6px;font-size:.85rem}
table{width:100%;border-collapse:collapse;margin:1rem 0}td{padding:.4rem 0;border-bottom:1px solid #eee}.num{text-align:right}
button{width:100%;padding:.8rem;border-radius:6px;border:0;font-size:1rem;margin-top:.5rem;cursor:pointer}
.pay{background:#635bff;color:#fff}.secondary{background:#eee}
label{display:block;margin-top:1rem;font-size:.9rem}input,select{width:100%;padding:.6rem;box-sizing:border-box;border:1px solid #ccc;border-radius:6px}
fieldset{border:1px solid #ddd;border-radius:8px;margin-top:1rem}.choice input{width:auto}
.notice{background:#fde2e1;color:#8a1c1c;padding:.75rem;border-radius:6px}
</style></head><body><main>
<p class="banner">Test mode — Bulwark's local Stripe emulator. No money moves.</p>
<h1>Pay ${money(session.amount_total, session.currency)}${extras.length ? ` plus ${extras.join(" and ")}` : ""}</h1>
${notice ? `<p class="notice" role="alert">${escape(notice)}</p>` : ""}
<table><tbody>${rows}${discount}</tbody><tfoot><tr><td><strong>Before ${extras.length ? extras.join(" and ") : "anything else"}</strong></td><td class="num"><strong>${money(session.amount_total, session.currency)}</strong></td></tr></tfoot></table>
${
  open
    ? `<form method="post" action="/checkout/${session.id}/pay">
<label for="email">Email</label><input id="email" name="email" type="email" value="${escape(email)}" required>
${options.phoneRequired ? field("phone", "Phone", form, 'type="tel" autocomplete="tel" required') : ""}
${addressFields(options, form)}
${shippingChoices(session, options, form)}
<label for="card">Card number</label><input id="card" name="card" value="4242 4242 4242 4242" readonly>
<button class="pay" type="submit">Pay</button></form>
<form method="post" action="/checkout/${session.id}/decline"><button class="secondary" type="submit">Pay with a card that declines</button></form>
<form method="post" action="/checkout/${session.id}/cancel"><button class="secondary" type="submit">Cancel and return to the shop</button></form>`
    : ""
}
</main></body></html>`;
}
