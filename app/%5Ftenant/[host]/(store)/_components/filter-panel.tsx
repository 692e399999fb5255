"use client";

import { useState } from "react";

/**
 * The listing's filters: beside the products on wide screens, behind a "Filters" button on
 * narrow ones, so a phone shows the first product without scrolling past the form. A real button
 * (keyboard, aria-expanded, aria-controls) shows and hides the panel.
 */
export function FilterPanel({ children, activeCount }: { children: React.ReactNode; activeCount: number }) {
  const [open, setOpen] = useState(false);
  return (
    <div>
      <button
        type="button"
        aria-expanded={open}
        aria-controls="filter-panel"
        onClick={() => setOpen(!open)}
        className="mb-2 w-full rounded-md border border-stone-300 bg-white px-4 py-2 text-left text-sm font-semibold md:hidden"
      >
        {open ? "Hide filters" : "Filters"}
        {activeCount > 0 ? ` (${activeCount} applied)` : ""}
      </button>
      <div id="filter-panel" className={open ? "block" : "hidden md:block"}>
        {children}
      </div>
    </div>
  );
}
