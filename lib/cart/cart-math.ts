// Pure cart arithmetic: quantities, caps, totals and merging. Prices always come from the
// catalog at the moment of reading; a cart stores only variants and quantities.

export const MAX_QUANTITY_PER_LINE = 10;
export const MAX_LINES_PER_CART = 50;

/** The quantity a line may hold: at least 0, at most the per-line cap and what is in stock. */
export function clampQuantity(requested: number, stock: number): number {
  if (!Number.isFinite(requested)) return 0;
  return Math.max(0, Math.min(Math.floor(requested), MAX_QUANTITY_PER_LINE, Math.max(0, stock)));
}

export type PricedLine = { unitPriceMinor: number; quantity: number };

export function lineTotal(line: PricedLine): number {
  return line.unitPriceMinor * line.quantity;
}

export function summarize(lines: PricedLine[]): { subtotalMinor: number; itemCount: number } {
  return {
    subtotalMinor: lines.reduce((sum, line) => sum + lineTotal(line), 0),
    itemCount: lines.reduce((sum, line) => sum + line.quantity, 0),
  };
}

/**
 * Merges a guest cart into a signed-in shopper's cart: quantities of the same variant add up,
 * capped by the per-line limit and by stock; variants that are out of stock are dropped.
 */
export function mergeQuantities(
  userLines: { variantId: string; quantity: number }[],
  guestLines: { variantId: string; quantity: number }[],
  stockByVariant: Map<string, number>,
): Map<string, number> {
  const merged = new Map<string, number>();
  for (const line of [...userLines, ...guestLines])
    merged.set(line.variantId, (merged.get(line.variantId) ?? 0) + line.quantity);
  for (const [variantId, quantity] of merged) {
    const capped = clampQuantity(quantity, stockByVariant.get(variantId) ?? 0);
    if (capped > 0) merged.set(variantId, capped);
    else merged.delete(variantId);
  }
  return merged;
}
