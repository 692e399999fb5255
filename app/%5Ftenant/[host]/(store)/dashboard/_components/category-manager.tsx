"use client";

import { callApi } from "../../../_components/api-client";
import { StatusMessage } from "../../../_components/status-message";
import { useRun } from "./use-run";

type Category = { id: string; slug: string; name: string; products: number };

const input = "w-full rounded-md border border-stone-300 px-3 py-2";
const button = "rounded-md border border-stone-300 px-3 py-1 text-sm font-medium disabled:opacity-40";

function CategoryRow({ category, first, last }: { category: Category; first: boolean; last: boolean }) {
  const { message, run } = useRun();
  const url = `/api/dashboard/categories/${category.id}`;
  return (
    <li className="space-y-2 border-t border-stone-200 p-3" data-testid={`category-${category.slug}`}>
      <form
        className="flex flex-wrap items-end gap-2"
        onSubmit={(event) => {
          event.preventDefault();
          const name = String(new FormData(event.currentTarget).get("name") ?? "");
          void run(callApi("PATCH", url, { name }), "Renamed.");
        }}
      >
        <div className="min-w-48 flex-1">
          <label htmlFor={`name-${category.id}`} className="text-xs font-medium">
            Name (address /categories/{category.slug}, {category.products}{" "}
            {category.products === 1 ? "product" : "products"})
          </label>
          <input id={`name-${category.id}`} name="name" defaultValue={category.name} maxLength={60} className={input} />
        </div>
        <button type="submit" className={button}>
          Rename
        </button>
        <button
          type="button"
          className={button}
          disabled={first}
          aria-label={`Move ${category.name} up`}
          onClick={() => void run(callApi("PATCH", url, { move: "up" }), "Moved up.")}
        >
          ↑
        </button>
        <button
          type="button"
          className={button}
          disabled={last}
          aria-label={`Move ${category.name} down`}
          onClick={() => void run(callApi("PATCH", url, { move: "down" }), "Moved down.")}
        >
          ↓
        </button>
        <button
          type="button"
          className={`${button} text-rose-700`}
          onClick={() => {
            if (window.confirm(`Delete the category “${category.name}”?`)) void run(callApi("DELETE", url), "Deleted.");
          }}
        >
          Delete
        </button>
      </form>
      <StatusMessage message={message} />
    </li>
  );
}

/** Create, rename, reorder and delete (when empty) the store's categories. */
export function CategoryManager({ categories }: { categories: Category[] }) {
  const { message, run } = useRun();
  return (
    <section aria-labelledby="category-list-heading" className="rounded-lg border border-stone-200 bg-white">
      <h2 id="category-list-heading" className="p-3 text-lg font-semibold">
        Your categories
      </h2>
      {categories.length === 0 ? (
        <p className="px-3 pb-3 text-sm text-stone-600">None yet. Products are sold in categories: add one below.</p>
      ) : (
        <ul>
          {categories.map((category, index) => (
            <CategoryRow
              key={category.id}
              category={category}
              first={index === 0}
              last={index === categories.length - 1}
            />
          ))}
        </ul>
      )}
      <form
        className="flex flex-wrap items-end gap-2 border-t border-stone-200 p-3"
        onSubmit={async (event) => {
          event.preventDefault();
          const form = event.currentTarget;
          const name = String(new FormData(form).get("name") ?? "");
          if (await run(callApi("POST", "/api/dashboard/categories", { name }), `Category ${name} added.`))
            form.reset();
        }}
      >
        <div className="min-w-48 flex-1">
          <label htmlFor="new-category" className="text-xs font-medium">
            New category name
          </label>
          <input id="new-category" name="name" required maxLength={60} className={input} />
        </div>
        <button type="submit" className="rounded-md bg-accent px-4 py-2 text-sm font-semibold text-accent-ink">
          Add category
        </button>
        <div className="w-full">
          <StatusMessage message={message} />
        </div>
      </form>
    </section>
  );
}
