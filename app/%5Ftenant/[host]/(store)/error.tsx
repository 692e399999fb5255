"use client";

// Shown when a page or a form action fails unexpectedly — including a form refused by the rate
// limiter, which reaches the page as a failed action. Nothing about the failure is shown.
export default function StoreError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-lg py-16 text-center">
      <h1 className="text-3xl font-bold">Something went wrong</h1>
      <p className="mt-4 text-stone-600">
        We couldn’t finish that. If you sent a form several times in a row, wait a minute before trying again.
      </p>
      <button
        type="button"
        onClick={reset}
        className="mt-8 rounded-md bg-accent px-5 py-3 font-semibold text-accent-ink"
      >
        Try again
      </button>
    </div>
  );
}
