/**
 * A wide table on a narrow screen: it scrolls sideways inside this box, so the page itself never
 * does. The box is a named region ("Users table": distinct from the section it sits in) and
 * takes focus, so keyboard users can scroll it too. It is positioned: screen-reader-only text in
 * a cell is absolutely positioned, and would otherwise widen the page from inside the box.
 */
export function ScrollArea({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <div role="region" aria-label={`${label} table`} tabIndex={0} className="relative overflow-x-auto">
      {children}
    </div>
  );
}
