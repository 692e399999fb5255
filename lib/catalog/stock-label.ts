// Pure: shared by server and client components.
export const LOW_STOCK_THRESHOLD = 3;

export function describeStock(stock: number): string {
  if (stock <= 0) return "Out of stock";
  if (stock <= LOW_STOCK_THRESHOLD) return `Only ${stock} left`;
  return "In stock";
}
