import type { Metadata } from "next";
import Image from "next/image";
import { notFound } from "next/navigation";
import { getProductBySlug, type RawSearchParams } from "@/lib/catalog";
import { requireTenant } from "@/lib/tenancy";
import { Breadcrumbs } from "../../../_components/breadcrumbs";
import { VariantPicker } from "../../../_components/variant-picker";
import { ProductJsonLd } from "../../../_components/product-json-ld";

type Props = { params: Promise<{ host: string; slug: string }>; searchParams: Promise<RawSearchParams> };

async function load(params: Props["params"]) {
  const { host, slug } = await params;
  const tenant = await requireTenant(host);
  const product = await getProductBySlug(tenant.id, slug);
  if (!product) notFound();
  return { tenant, product };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { product } = await load(params);
  const image = product.images[0];
  return {
    title: product.title,
    description: product.description,
    alternates: { canonical: `/products/${product.slug}` },
    openGraph: {
      title: product.title,
      description: product.description,
      ...(image ? { images: [{ url: image.path, width: image.width, height: image.height, alt: image.alt }] } : {}),
    },
  };
}

export default async function ProductPage({ params, searchParams }: Props) {
  const { tenant, product } = await load(params);
  const requested = (await searchParams).variant;
  const requestedSku = typeof requested === "string" ? requested : undefined;
  const [mainImage, ...moreImages] = product.images;
  return (
    <>
      <ProductJsonLd tenant={tenant} product={product} />
      <Breadcrumbs
        items={[
          { label: "Home", href: "/" },
          { label: product.category.name, href: `/categories/${product.category.slug}` },
          { label: product.title },
        ]}
      />
      <div className="grid gap-10 md:grid-cols-2">
        <div className="space-y-4">
          {mainImage ? (
            <Image
              src={mainImage.path}
              alt={mainImage.alt}
              width={mainImage.width}
              height={mainImage.height}
              unoptimized={mainImage.path.endsWith(".svg")}
              priority
              className="w-full rounded-xl border border-stone-200"
            />
          ) : null}
          {moreImages.length > 0 ? (
            <ul className="grid grid-cols-3 gap-3">
              {moreImages.map((image) => (
                <li key={image.path}>
                  <Image
                    src={image.path}
                    alt={image.alt}
                    width={image.width}
                    height={image.height}
                    unoptimized={image.path.endsWith(".svg")}
                    className="rounded-lg border border-stone-200"
                  />
                </li>
              ))}
            </ul>
          ) : null}
        </div>
        <div>
          <h1 className="text-3xl font-bold">{product.title}</h1>
          <VariantPicker variants={product.variants} currency={tenant.currency} initialSku={requestedSku} />
          <section aria-labelledby="description-heading" className="mt-8">
            <h2 id="description-heading" className="text-lg font-semibold">
              Description
            </h2>
            <p className="mt-2 leading-relaxed text-stone-700">{product.description}</p>
          </section>
        </div>
      </div>
    </>
  );
}
