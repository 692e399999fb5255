import Link from "next/link";
import { formatMoney } from "@/lib/catalog/money";
import type { ProductCardDto } from "@/lib/catalog";
import { StoreImage } from "../../_components/store-image";

type Money = { currency: string; locale: string };

export function ProductCard({ product, currency, locale }: { product: ProductCardDto } & Money) {
  return (
    <article className="group relative flex flex-col overflow-hidden rounded-lg border border-stone-200 bg-white">
      {product.image ? (
        <StoreImage
          src={product.image.path}
          alt={product.image.alt}
          width={product.image.width}
          height={product.image.height}
          className="aspect-square w-full object-cover transition group-hover:opacity-90"
        />
      ) : (
        <div className="aspect-square w-full bg-stone-100" />
      )}
      <div className="flex flex-1 flex-col gap-1 p-4">
        <h3 className="font-medium">
          <Link href={`/products/${product.slug}`} className="after:absolute after:inset-0">
            {product.title}
          </Link>
        </h3>
        <p className="text-sm text-stone-700">
          {product.hasPriceRange ? "From " : ""}
          {formatMoney(product.minPriceMinor, currency, locale)}
        </p>
        {!product.inStock ? <p className="text-xs font-semibold uppercase text-rose-700">Sold out</p> : null}
      </div>
    </article>
  );
}

export function ProductGrid({ products, currency, locale }: { products: ProductCardDto[] } & Money) {
  return (
    <ul className="grid grid-cols-2 gap-4 md:grid-cols-3 lg:grid-cols-4" data-testid="product-grid">
      {products.map((product) => (
        <li key={product.slug}>
          <ProductCard product={product} currency={currency} locale={locale} />
        </li>
      ))}
    </ul>
  );
}
