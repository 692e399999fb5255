// A simulated shopper's purchase, as the shop's own pages make it: add to the cart, start the
// checkout, pay on the hosted page, come back to the order. Paying is possible only on the local
// Stripe emulator (its hosted page is a plain form); against real Stripe the run stops at the
// checkout page, which is counted as reached.
import { TEST_PAYMENT_FORM } from "../stripe-emulator/checkout-extras";
import { send, type SimClient, type SimResponse } from "./http-client";

const json = { "content-type": "application/json" };

/** Every answer of the purchase, in order; an empty list when the shop could not be asked. */
export async function buyOnce(origin: URL, client: SimClient, variantId: string): Promise<SimResponse[]> {
  const answers: SimResponse[] = [];
  const body = JSON.stringify({ variantId, quantity: 1 });
  answers.push(await send(origin, client, "/api/cart/items", { method: "POST", headers: json, body }));
  if (answers.at(-1)!.status !== 200) return answers;
  answers.push(await send(origin, client, "/api/checkout", { method: "POST", headers: json, body: "{}" }));
  const started = answers.at(-1)!;
  if (started.status !== 200) return answers;
  const checkout = new URL((JSON.parse(started.body) as { url: string }).url);
  if (!/^\/checkout\/\w+$/.test(checkout.pathname) || !["127.0.0.1", "localhost"].includes(checkout.hostname)) {
    return answers;
  }
  const paid = await fetch(`${checkout.origin}${checkout.pathname}/pay`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ ...TEST_PAYMENT_FORM, email: "sim-shopper@example.test" }).toString(),
    redirect: "manual",
  });
  answers.push({ status: paid.status === 303 || paid.status === 302 ? 200 : paid.status, headers: {}, body: "" });
  const back = paid.headers.get("location");
  if (back) {
    const order = new URL(back);
    answers.push(await send(origin, client, `${order.pathname}${order.search}`));
  }
  return answers;
}
