// Decodes the form bodies the Stripe SDK sends (`line_items[0][price_data][currency]=usd`) into
// nested objects and arrays.

type Node = { [key: string]: Node | string } | Node[] | string;

export function decodeStripeForm(body: string): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [rawKey, value] of new URLSearchParams(body)) {
    const segments = rawKey.replace(/\]/g, "").split("[");
    let cursor: Record<string, unknown> | unknown[] = root;
    segments.forEach((segment, index) => {
      const last = index === segments.length - 1;
      const key = Array.isArray(cursor) ? Number(segment) : segment;
      const container = cursor as Record<string | number, unknown>;
      if (last) {
        container[key] = value;
        return;
      }
      if (container[key] === undefined) container[key] = /^\d+$/.test(segments[index + 1] ?? "") ? [] : {};
      cursor = container[key] as Record<string, unknown>;
    });
  }
  return root;
}

export type { Node };
