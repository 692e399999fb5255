import type { Metadata } from "next";

export const metadata: Metadata = { robots: { index: false } };

// Reached for hosts that are no store of this platform (the console's host outside /admin
// included) and for paths outside any store. The title is rendered here, not through metadata:
// when the store layout's own metadata is what called notFound(), Next.js renders this page
// with no <title> at all.
export default function NotFound() {
  return (
    <main className="mx-auto flex min-h-screen max-w-xl flex-col items-center justify-center gap-4 p-8 text-center">
      <title>Not found</title>
      <p className="text-sm font-semibold uppercase tracking-widest text-stone-500">404</p>
      <h1 className="text-3xl font-bold">There is no store here</h1>
      <p className="text-stone-600">
        The address you followed does not belong to any store on this platform. Check the spelling of the address, or
        ask the shop for its correct link.
      </p>
    </main>
  );
}
