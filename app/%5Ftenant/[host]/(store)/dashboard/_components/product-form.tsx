"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, describeError } from "../../../_components/api-client";
import { StatusMessage } from "../../../_components/status-message";

export type ProductFields = {
  id?: string;
  title: string;
  slug: string;
  description: string;
  categoryId: string;
  status: "DRAFT" | "ACTIVE" | "ARCHIVED";
  featured: boolean;
};

const input = "w-full rounded-md border border-stone-300 px-3 py-2";

/** Creates a product, or saves one; new products start as drafts until they have options. */
export function ProductForm({
  categories,
  product,
}: {
  categories: { id: string; name: string }[];
  product?: ProductFields;
}) {
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const fields = {
      title: String(form.get("title") ?? ""),
      slug: String(form.get("slug") ?? ""),
      description: String(form.get("description") ?? ""),
      categoryId: String(form.get("categoryId") ?? ""),
      status: String(form.get("status") ?? "DRAFT"),
      featured: form.get("featured") === "on",
    };
    setPending(true);
    const result = product?.id
      ? await callApi("PATCH", `/api/dashboard/products/${product.id}`, fields)
      : await callApi<{ id: string }>("POST", "/api/dashboard/products", fields);
    setPending(false);
    if (!result.ok) return setMessage({ kind: "error", text: describeError(result) });
    if (!product?.id) return router.push(`/dashboard/products/${(result.data as { id: string }).id}`);
    setMessage({ kind: "ok", text: "Saved." });
    router.refresh();
  }

  return (
    <form onSubmit={submit} className="space-y-4 rounded-lg border border-stone-200 bg-white p-6">
      <div>
        <label htmlFor="title" className="mb-1 block text-sm font-medium">
          Title
        </label>
        <input id="title" name="title" required maxLength={120} defaultValue={product?.title} className={input} />
      </div>
      <div>
        <label htmlFor="slug" className="mb-1 block text-sm font-medium">
          Slug (the product’s address)
        </label>
        <input
          id="slug"
          name="slug"
          required
          maxLength={80}
          pattern="[a-z0-9]+(-[a-z0-9]+)*"
          defaultValue={product?.slug}
          className={input}
        />
      </div>
      <div>
        <label htmlFor="description" className="mb-1 block text-sm font-medium">
          Description
        </label>
        <textarea
          id="description"
          name="description"
          rows={5}
          maxLength={4000}
          defaultValue={product?.description}
          className={input}
        />
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="categoryId" className="mb-1 block text-sm font-medium">
            Category
          </label>
          <select id="categoryId" name="categoryId" defaultValue={product?.categoryId} className={input}>
            {categories.map((category) => (
              <option key={category.id} value={category.id}>
                {category.name}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="status" className="mb-1 block text-sm font-medium">
            Status
          </label>
          <select id="status" name="status" defaultValue={product?.status ?? "DRAFT"} className={input}>
            <option value="DRAFT">Draft (hidden)</option>
            <option value="ACTIVE">Active (on sale)</option>
            <option value="ARCHIVED">Archived</option>
          </select>
        </div>
      </div>
      <div className="flex items-center gap-2">
        <input id="featured" name="featured" type="checkbox" defaultChecked={product?.featured} className="size-4" />
        <label htmlFor="featured" className="text-sm">
          Feature on the home page
        </label>
      </div>
      <StatusMessage message={message} />
      <button
        type="submit"
        disabled={pending}
        className="rounded-md bg-accent px-4 py-2 font-semibold text-accent-ink disabled:opacity-60"
      >
        {product?.id ? "Save product" : "Create product"}
      </button>
    </form>
  );
}
