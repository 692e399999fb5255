import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getProductBySlug, type RawSearchParams } from "@/lib/catalog";
import { OPEN_GRAPH_SIZE } from "@/lib/catalog/open-graph-size";
import { recordPageMiss } from "@/lib/telemetry/page-miss";
import { requireTenant } from "@/lib/tenancy";
import { Breadcrumbs } from "../../../_components/breadcrumbs";
import { ProductShowcase } from "../../../_components/product-showcase";
import { ProductJsonLd } from "../../../_components/product-json-ld";

type Props = { params: Promise<{ host: string; slug: string }>; searchParams: Promise<RawSearchParams> };

async function load(params: Props["params"]) {
  const { host, slug } = await params;
  const tenant = await requireTenant(host);
  const product = await getProductBySlug(tenant.id, slug);
  if (!product) {
    await recordPageMiss(tenant.id, "/products/[slug]");
    notFound();
  }
  return { tenant, product };
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { product } = await load(params);
  const card = `/products/${encodeURIComponent(product.slug)}/opengraph.png`;
  return {
    title: product.title,
    description: product.description,
    alternates: { canonical: `/products/${product.slug}` },
    openGraph: {
      title: product.title,
      description: product.description,
      type: "website",
      images: [{ url: card, ...OPEN_GRAPH_SIZE, alt: product.title }],
    },
  };
}

export default async function ProductPage({ params, searchParams }: Props) {
  const { tenant, product } = await load(params);
  const requested = (await searchParams).variant;
  const requestedSku = typeof requested === "string" ? requested : undefined;
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
      <ProductShowcase
        images={product.images}
        variants={product.variants}
        currency={tenant.currency}
        locale={tenant.locale}
        initialSku={requestedSku}
        heading={<h1 className="text-3xl font-bold">{product.title}</h1>}
      >
        <section aria-labelledby="description-heading" className="mt-8">
          <h2 id="description-heading" className="text-lg font-semibold">
            Description
          </h2>
          <p className="mt-2 leading-relaxed text-stone-700">{product.description}</p>
        </section>
      </ProductShowcase>
    </>
  );
}
