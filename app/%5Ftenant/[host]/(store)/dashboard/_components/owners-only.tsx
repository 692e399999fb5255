/** What staff see on a page whose changes are the owners' to make (the routes enforce it too). */
export function OwnersOnly({ title, what }: { title: string; what: string }) {
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{title}</h1>
      <p role="status" className="rounded-md bg-stone-100 p-4 text-stone-700">
        Only the store&apos;s owners can change {what}. Ask an owner (see Team) if something here needs to change.
      </p>
    </div>
  );
}
