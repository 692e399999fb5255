/**
 * A wide table on a narrow screen: it scrolls sideways inside this box, so the page itself never
 * does. The box is a named region ("Users table": distinct from the section it sits in) and
 * takes focus, so keyboard users can scroll it too.
 */
export function ScrollArea({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div role="region" aria-label={`${label} table`} tabIndex={0} className="overflow-x-auto">
      {children}
    </div>
  );
}
