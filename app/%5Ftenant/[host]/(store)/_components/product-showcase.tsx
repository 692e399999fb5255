"use client";

import { useState } from "react";
import type { ProductImageDto, VariantDto } from "@/lib/catalog/types";
import { pickInitialVariant, VariantPicker } from "./variant-picker";
import { StoreImage } from "../../_components/store-image";

type Props = {
  images: ProductImageDto[];
  variants: VariantDto[];
  currency: string;
  locale: string;
  initialSku?: string;
  /** The heading and what follows the picker (the description), rendered by the page. */
  heading: React.ReactNode;
  children: React.ReactNode;
};

/**
 * The product's images beside its option picker. Choosing an option with an image of its own (a
 * colour) shows that image first; other options show the product's own images.
 */
export function ProductShowcase({ images, variants, currency, locale, initialSku, heading, children }: Props) {
  const [selectedId, setSelectedId] = useState(() => pickInitialVariant(variants, initialSku)?.id);
  const own = images.filter((image) => image.variantId === null);
  const optionImage = images.find((image) => image.variantId !== null && image.variantId === selectedId);
  const [mainImage, ...moreImages] = optionImage ? [optionImage, ...own] : own;
  return (
    <div className="grid gap-10 md:grid-cols-2">
      <div className="space-y-4">
        {mainImage ? (
          <StoreImage
            key={mainImage.path}
            src={mainImage.path}
            alt={mainImage.alt}
            width={mainImage.width}
            height={mainImage.height}
            priority
            data-testid="main-image"
            className="w-full rounded-xl border border-stone-200"
          />
        ) : null}
        {moreImages.length > 0 ? (
          <ul className="grid grid-cols-3 gap-3">
            {moreImages.map((image) => (
              <li key={image.path}>
                <StoreImage
                  src={image.path}
                  alt={image.alt}
                  width={image.width}
                  height={image.height}
                  className="rounded-lg border border-stone-200"
                />
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      <div>
        {heading}
        <VariantPicker
          variants={variants}
          currency={currency}
          locale={locale}
          initialSku={initialSku}
          onChoose={(variant) => setSelectedId(variant.id)}
        />
        {children}
      </div>
    </div>
  );
}
