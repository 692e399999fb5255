// DTOs: the only catalog shapes that leave lib/. They carry what the pages render and nothing of
// the storage model (no tenant ids, no internal timestamps).

export type CategoryDto = { slug: string; name: string; description: string };

export type ProductCardDto = {
  slug: string;
  title: string;
  minPriceMinor: number;
  hasPriceRange: boolean;
  inStock: boolean;
  image: ImageDto | null;
};

export type ImageDto = { path: string; alt: string; width: number; height: number };

/** A product page's image; `variantId` names the option it shows (a colour), null for the product's own. */
export type ProductImageDto = ImageDto & { variantId: string | null };

export type VariantDto = {
  id: string;
  sku: string;
  title: string;
  size: string | null;
  color: string | null;
  priceMinor: number;
  stock: number;
};

export type ProductDetailDto = {
  slug: string;
  title: string;
  description: string;
  category: CategoryDto;
  images: ProductImageDto[];
  variants: VariantDto[];
};

export type ProductPage = {
  items: ProductCardDto[];
  total: number;
  page: number;
  pageCount: number;
};

export type ListingFacets = { sizes: string[]; colors: string[] };
