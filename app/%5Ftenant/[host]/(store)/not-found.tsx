import Link from "next/link";

export default function StoreNotFound() {
  return (
    <div className="mx-auto max-w-lg py-16 text-center">
      <p className="text-sm font-semibold uppercase tracking-widest text-stone-500">404</p>
      <h1 className="mt-2 text-3xl font-bold">We couldn’t find that page</h1>
      <p className="mt-4 text-stone-600">
        It may have moved, sold out for good, or never existed. Try a search or start from our home page.
      </p>
      <Link href="/" className="mt-8 inline-block rounded-md bg-accent px-5 py-3 font-semibold text-accent-ink">
        Back to the shop
      </Link>
    </div>
  );
}
