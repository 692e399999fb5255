"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { callApi, describeError } from "../../../_components/api-client";
import { StatusMessage } from "../../../_components/status-message";
import { StoreImage } from "../../../_components/store-image";

type ProductImage = { id: string; path: string; alt: string; variantId: string | null };
type Option = { id: string; title: string };

/** A product's images; an image can show one option (a colour), shown when a shopper picks it. */
export function ImageManager({
  productId,
  images,
  options,
}: {
  productId: string;
  images: ProductImage[];
  options: Option[];
}) {
  const optionTitle = (id: string | null) => options.find((option) => option.id === id)?.title;
  const router = useRouter();
  const [message, setMessage] = useState<{ kind: "ok" | "error"; text: string } | null>(null);

  async function upload(event: React.FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    const result = await callApi("POST", `/api/dashboard/products/${productId}/images`, new FormData(form));
    if (!result.ok) return setMessage({ kind: "error", text: describeError(result) });
    setMessage({ kind: "ok", text: "Image added." });
    form.reset();
    router.refresh();
  }

  async function remove(id: string) {
    const result = await callApi("DELETE", `/api/dashboard/images/${id}`);
    setMessage(result.ok ? { kind: "ok", text: "Image removed." } : { kind: "error", text: describeError(result) });
    router.refresh();
  }

  return (
    <section aria-labelledby="images-heading" className="space-y-3 rounded-lg border border-stone-200 bg-white p-3">
      <h2 id="images-heading" className="text-lg font-semibold">
        Images
      </h2>
      <ul className="grid grid-cols-3 gap-3 sm:grid-cols-5">
        {images.map((image) => (
          <li key={image.id} className="space-y-1">
            <StoreImage
              src={image.path}
              alt={image.alt}
              width={160}
              height={160}
              className="aspect-square rounded border border-stone-200 object-cover"
            />
            <p className="text-xs text-stone-600">{optionTitle(image.variantId) ?? "All options"}</p>
            <button type="button" onClick={() => remove(image.id)} className="text-xs text-rose-700 underline">
              Remove<span className="sr-only"> image {image.alt}</span>
            </button>
          </li>
        ))}
      </ul>
      <form onSubmit={upload} className="flex flex-wrap items-end gap-2">
        <div>
          <label htmlFor="image-file" className="block text-xs font-medium">
            PNG, JPEG or WebP, up to 2 MB
          </label>
          <input
            id="image-file"
            name="file"
            type="file"
            accept="image/png,image/jpeg,image/webp"
            required
            className="text-sm"
          />
        </div>
        <div>
          <label htmlFor="image-alt" className="block text-xs font-medium">
            Description (alt text)
          </label>
          <input
            id="image-alt"
            name="alt"
            maxLength={200}
            className="rounded-md border border-stone-300 px-2 py-1 text-sm"
          />
        </div>
        {options.length > 1 ? (
          <div>
            <label htmlFor="image-option" className="block text-xs font-medium">
              Shows
            </label>
            <select
              id="image-option"
              name="variantId"
              defaultValue=""
              className="rounded-md border border-stone-300 px-2 py-1 text-sm"
            >
              <option value="">All options</option>
              {options.map((option) => (
                <option key={option.id} value={option.id}>
                  Option: {option.title}
                </option>
              ))}
            </select>
          </div>
        ) : null}
        <button type="submit" className="rounded-md border border-stone-300 px-3 py-1 text-sm">
          Upload
        </button>
      </form>
      <StatusMessage message={message} />
    </section>
  );
}
