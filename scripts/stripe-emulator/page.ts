// The emulator's hosted checkout page: what a shopper sees instead of Stripe's.
import type { CheckoutSession, LineItem } from "./objects";

const escape = (value: string) => value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const money = (minor: number, currency: string) =>
  new Intl.NumberFormat("en-US", { style: "currency", currency: currency.toUpperCase() }).format(
    minor /
      10 ** (new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2),
  );

export function renderCheckoutPage(session: CheckoutSession, items: LineItem[], notice?: string): string {
  const rows = items
    .map(
      (item) =>
        `<tr><td>${escape(item.description)} × ${item.quantity}</td><td class="num">${money(item.amount_total, item.currency)}</td></tr>`,
    )
    .join("");
  const open = session.status === "open";
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
label{display:block;margin-top:1rem;font-size:.9rem}input{width:100%;padding:.6rem;box-sizing:border-box;border:1px solid #ccc;border-radius:6px}
.notice{background:#fde2e1;color:#8a1c1c;padding:.75rem;border-radius:6px}
</style></head><body><main>
<p class="banner">Test mode — Bulwark's local Stripe emulator. No money moves.</p>
<h1>Pay ${money(session.amount_total, session.currency)}</h1>
${notice ? `<p class="notice" role="alert">${escape(notice)}</p>` : ""}
<table><tbody>${rows}</tbody><tfoot><tr><td><strong>Total</strong></td><td class="num"><strong>${money(session.amount_total, session.currency)}</strong></td></tr></tfoot></table>
${
  open
    ? `<form method="post" action="/checkout/${session.id}/pay">
<label for="email">Email</label><input id="email" name="email" type="email" value="${escape(session.customer_email ?? "")}" required>
<label for="card">Card number</label><input id="card" name="card" value="4242 4242 4242 4242" readonly>
<button class="pay" type="submit">Pay ${money(session.amount_total, session.currency)}</button></form>
<form method="post" action="/checkout/${session.id}/decline"><button class="secondary" type="submit">Pay with a card that declines</button></form>
<form method="post" action="/checkout/${session.id}/cancel"><button class="secondary" type="submit">Cancel and return to the shop</button></form>`
    : ""
}
</main></body></html>`;
}
