"use client";

import { callApi } from "../../../_components/api-client";
import { StatusMessage } from "../../../_components/status-message";
import { useHydrated } from "../../../_components/use-hydrated";
import { useRun } from "./use-run";

type Rate = {
  id: string;
  name: string;
  price: string;
  delivery: string | null;
  active: boolean;
  offered: boolean;
};

type Props = {
  countries: { code: string; name: string; chosen: boolean }[];
  automaticTax: boolean;
  rates: Rate[];
  currency: string;
};

const input = "w-full rounded-md border border-stone-300 px-3 py-2";
const primary = "rounded-md bg-accent px-4 py-2 text-sm font-semibold text-accent-ink disabled:opacity-60";

/** Where the store ships, whether Stripe Tax is on, and its shipping options. */
export function ShippingManager({ countries, automaticTax, rates, currency }: Props) {
  const destinations = useRun();
  const options = useRun();
  const hydrated = useHydrated();
  return (
    <>
      <form
        aria-labelledby="destinations-heading"
        className="space-y-3 rounded-lg border border-stone-200 bg-white p-4"
        onSubmit={(event) => {
          event.preventDefault();
          const data = new FormData(event.currentTarget);
          void destinations.run(
            callApi("PATCH", "/api/dashboard/shipping", {
              countries: data.getAll("countries").map(String),
              automaticTax: data.get("automaticTax") === "on",
            }),
            "Shipping destinations and tax saved.",
          );
        }}
      >
        <h2 id="destinations-heading" className="text-lg font-semibold">
          Where you ship
        </h2>
        <fieldset>
          <legend className="text-sm text-stone-600">
            Shoppers can only enter an address in these countries at checkout. With none chosen, the store takes no
            orders.
          </legend>
          <div className="mt-2 grid grid-cols-2 gap-1 sm:grid-cols-3">
            {countries.map((country) => (
              <label key={country.code} className="flex items-center gap-2 text-sm">
                <input type="checkbox" name="countries" value={country.code} defaultChecked={country.chosen} />
                {country.name}
              </label>
            ))}
          </div>
        </fieldset>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="automaticTax" defaultChecked={automaticTax} className="mt-1" />
          <span>
            Work out tax with Stripe Tax at checkout. Prices and shipping are then before tax, and Stripe adds it for
            the shopper&apos;s address. Turn on Stripe Tax and register where you collect tax in your Stripe dashboard
            first.
          </span>
        </label>
        <button type="submit" className={primary} disabled={!hydrated}>
          Save destinations and tax
        </button>
        <StatusMessage message={destinations.message} />
      </form>

      <section aria-labelledby="rates-heading" className="rounded-lg border border-stone-200 bg-white">
        <h2 id="rates-heading" className="p-4 pb-2 text-lg font-semibold">
          Shipping options
        </h2>
        <p className="px-4 text-sm text-stone-600">
          Checkout offers up to five active options in {currency}. An option cannot be edited once created (Stripe keeps
          them as they were sold): add a new one and archive the old.
        </p>
        {rates.length === 0 ? (
          <p className="p-4 text-sm text-stone-600">None yet: add at least one below.</p>
        ) : (
          <ul className="mt-2" data-testid="shipping-rates">
            {rates.map((rate) => (
              <li
                key={rate.id}
                className="flex flex-wrap items-center justify-between gap-2 border-t border-stone-200 p-3 text-sm"
              >
                <span>
                  <strong>{rate.name}</strong> · {rate.price}
                  {rate.delivery ? ` · ${rate.delivery}` : ""}
                  {!rate.active ? " · archived" : !rate.offered ? ` · not offered (priced in another currency)` : ""}
                </span>
                {rate.active ? (
                  <button
                    type="button"
                    disabled={!hydrated}
                    className="rounded-md border border-stone-300 px-3 py-1 text-sm"
                    onClick={() =>
                      void options.run(
                        callApi("DELETE", `/api/dashboard/shipping/rates/${rate.id}`),
                        `${rate.name} archived.`,
                      )
                    }
                  >
                    Archive<span className="sr-only"> {rate.name}</span>
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        <form
          className="grid gap-3 border-t border-stone-200 p-4 sm:grid-cols-4"
          onSubmit={async (event) => {
            event.preventDefault();
            const form = event.currentTarget;
            const data = new FormData(form);
            const days = (name: string) => (data.get(name) ? Number(data.get(name)) : undefined);
            const name = String(data.get("name") ?? "");
            const body = {
              name,
              amount: String(data.get("amount") ?? ""),
              minDays: days("minDays"),
              maxDays: days("maxDays"),
            };
            if (await options.run(callApi("POST", "/api/dashboard/shipping/rates", body), `${name} added.`))
              form.reset();
          }}
        >
          <div className="sm:col-span-2">
            <label htmlFor="rate-name" className="text-xs font-medium">
              Name shoppers see
            </label>
            <input id="rate-name" name="name" required maxLength={50} className={input} placeholder="Standard" />
          </div>
          <div className="sm:col-span-2">
            <label htmlFor="rate-amount" className="text-xs font-medium">
              Price in {currency} (0 for free)
            </label>
            <input id="rate-amount" name="amount" required inputMode="decimal" className={input} placeholder="5.00" />
          </div>
          <div className="sm:col-span-2">
            <label htmlFor="rate-min" className="text-xs font-medium">
              Delivery from (business days, optional)
            </label>
            <input id="rate-min" name="minDays" type="number" min={1} max={90} className={input} />
          </div>
          <div className="sm:col-span-2">
            <label htmlFor="rate-max" className="text-xs font-medium">
              Delivery up to (business days, optional)
            </label>
            <input id="rate-max" name="maxDays" type="number" min={1} max={90} className={input} />
          </div>
          <div className="sm:col-span-4">
            <button type="submit" className={primary} disabled={!hydrated}>
              Add shipping option
            </button>
            <StatusMessage message={options.message} />
          </div>
        </form>
      </section>
    </>
  );
}
