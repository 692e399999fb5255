"use client";

import { callApi } from "../../../_components/api-client";
import { StatusMessage } from "../../../_components/status-message";
import { useHydrated } from "../../../_components/use-hydrated";
import { useRun } from "./use-run";

type Code = { id: string; code: string; value: string; expires: string | null; active: boolean; orders: number };

const input = "w-full rounded-md border border-stone-300 px-3 py-2";

/** The store's discount codes: create, switch off and on. */
export function DiscountManager({ codes, currency }: { codes: Code[]; currency: string }) {
  const { message, run } = useRun();
  const hydrated = useHydrated();
  return (
    <section aria-labelledby="codes-heading" className="rounded-lg border border-stone-200 bg-white">
      <h2 id="codes-heading" className="p-4 pb-2 text-lg font-semibold">
        Discount codes
      </h2>
      <p className="px-4 text-sm text-stone-600">
        Shoppers type a code in their cart before checking out. A code takes its amount off the items (not shipping),
        once per order.
      </p>
      {codes.length === 0 ? (
        <p className="p-4 text-sm text-stone-600">No codes yet.</p>
      ) : (
        <ul className="mt-2" data-testid="discount-codes">
          {codes.map((code) => (
            <li
              key={code.id}
              className="flex flex-wrap items-center justify-between gap-2 border-t border-stone-200 p-3 text-sm"
            >
              <span>
                <strong className="font-mono">{code.code}</strong> · {code.value}
                {code.expires ? ` · until ${code.expires}` : ""} · used on {code.orders}{" "}
                {code.orders === 1 ? "order" : "orders"}
                {code.active ? "" : " · switched off"}
              </span>
              <button
                type="button"
                disabled={!hydrated}
                className="rounded-md border border-stone-300 px-3 py-1 text-sm"
                onClick={() =>
                  void run(
                    callApi("PATCH", `/api/dashboard/discounts/${code.id}`, { active: !code.active }),
                    `${code.code} switched ${code.active ? "off" : "on"}.`,
                  )
                }
              >
                {code.active ? "Switch off" : "Switch on"}
                <span className="sr-only"> {code.code}</span>
              </button>
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
          const code = String(data.get("code") ?? "");
          const body = {
            code,
            kind: String(data.get("kind") ?? ""),
            value: String(data.get("value") ?? ""),
            ...(data.get("expiresOn") ? { expiresOn: String(data.get("expiresOn")) } : {}),
          };
          if (await run(callApi("POST", "/api/dashboard/discounts", body), `Code ${code.toUpperCase()} created.`))
            form.reset();
        }}
      >
        <div>
          <label htmlFor="code" className="text-xs font-medium">
            Code
          </label>
          <input
            id="code"
            name="code"
            required
            maxLength={30}
            className={`${input} uppercase`}
            placeholder="SPRING15"
          />
        </div>
        <div>
          <label htmlFor="kind" className="text-xs font-medium">
            Takes off
          </label>
          <select id="kind" name="kind" className={input} defaultValue="percent">
            <option value="percent">A percentage</option>
            <option value="amount">An amount in {currency}</option>
          </select>
        </div>
        <div>
          <label htmlFor="value" className="text-xs font-medium">
            How much (15 for 15 %, or 5.00)
          </label>
          <input id="value" name="value" required inputMode="decimal" className={input} />
        </div>
        <div>
          <label htmlFor="expiresOn" className="text-xs font-medium">
            Last day (optional)
          </label>
          <input id="expiresOn" name="expiresOn" type="date" className={input} />
        </div>
        <div className="sm:col-span-4">
          <button
            type="submit"
            disabled={!hydrated}
            className="rounded-md bg-accent px-4 py-2 text-sm font-semibold text-accent-ink disabled:opacity-60"
          >
            Create code
          </button>
          <StatusMessage message={message} />
        </div>
      </form>
    </section>
  );
}
