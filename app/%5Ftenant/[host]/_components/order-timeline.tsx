import type { TimelineEntry } from "@/lib/orders/order-timeline";

/** What happened to an order, oldest first; the merchant's view also names who did it. */
export function OrderTimeline({ entries, locale }: { entries: TimelineEntry[]; locale: string }) {
  const when = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return (
    <section aria-labelledby="order-timeline-heading">
      <h2 id="order-timeline-heading" className="mb-2 text-lg font-semibold">
        Timeline
      </h2>
      <ol data-testid="order-timeline" className="space-y-2 border-l-2 border-stone-200 pl-4">
        {entries.map((entry, index) => (
          <li key={`${entry.kind}-${index}`} className="text-sm">
            <time dateTime={entry.at.toISOString()} className="block text-xs text-stone-600">
              {when.format(entry.at)}
            </time>
            <span>{entry.text}</span>
            {entry.actor ? <span className="text-stone-600"> — by {entry.actor}</span> : null}
            {entry.trackingUrl ? (
              <>
                {" "}
                <a href={entry.trackingUrl} rel="noopener noreferrer" className="text-accent-text underline">
                  Track the parcel
                </a>
              </>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
