import fc from "fast-check";
import { z } from "zod";

// Generators for the fuzz suite: values shaped by a handler's own zod schema (through its JSON
// Schema), and the hostile values and bodies a client can send instead.

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  items?: JsonSchema;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  maxItems?: number;
  format?: string;
  pattern?: string;
};

/** Odd text: control and null characters, lone surrogates, direction overrides, markup. */
export const oddText = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constantFrom(
    "\u0000",
    "a\u0000b",
    "\uD800",
    "\uDFFF\uD800",
    "\u202Eevil",
    "\u200B",
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "%2e%2e%2f",
    "' OR 1=1 --",
    "${7*7}",
    "\r\nSet-Cookie: x=1",
  ),
);

/** Values of the wrong type or absurd size for any field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  oddText,
  fc.constantFrom(null, true, false, [], {}, [[]], { nested: { deeper: {} } }),
  fc.constantFrom(1e308, -1e308, Number.MAX_SAFE_INTEGER + 2, -0, 0.5, -1, 2 ** 63, Number.MIN_VALUE),
  fc.constant("x".repeat(70_000)),
  fc.constant("é".repeat(3000)),
  fc.anything({ maxDepth: 3 }),
);

function fromPattern(pattern: string): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(new RegExp(pattern));
  } catch {
    return fc.string();
  }
}

/** Real ids (both stores' rows) that id-like fields draw from half the time, so calls reach handlers. */
let knownIds: string[] = [];
export function useKnownIds(ids: string[]): void {
  knownIds = ids;
}

function idOr(name: string, arbitrary: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  if (!knownIds.length || !/(^id$|Id$|^slug$)/.test(name)) return arbitrary;
  return fc.oneof(fc.constantFrom(...knownIds), arbitrary);
}

function arbitraryFor(schema: JsonSchema | undefined): fc.Arbitrary<unknown> {
  if (!schema) return fc.anything({ maxDepth: 1 });
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const union = schema.anyOf ?? schema.oneOf;
  if (union?.length) return fc.oneof(...union.map(arbitraryFor));
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case "string":
      if (schema.format === "email") return fc.emailAddress();
      if (schema.pattern) return fromPattern(schema.pattern);
      return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 60, 200) });
    case "integer":
      return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000 });
    case "number":
      return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 100_000, noNaN: true });
    case "boolean":
      return fc.boolean();
    case "array":
      return fc.array(arbitraryFor(schema.items), { maxLength: Math.min(schema.maxItems ?? 3, 5) });
    case "object":
      return objectFor(schema);
    default:
      return fc.anything({ maxDepth: 1 });
  }
}

function objectFor(schema: JsonSchema): fc.Arbitrary<Record<string, unknown>> {
  const required = new Set(schema.required ?? []);
  const keys = Object.keys(schema.properties ?? {});
  const model = Object.fromEntries(keys.map((key) => [key, idOr(key, arbitraryFor(schema.properties![key]))]));
  return fc.record(model, { requiredKeys: keys.filter((key) => required.has(key)) }) as fc.Arbitrary<
    Record<string, unknown>
  >;
}

/** A dynamic path segment: a known id or slug half the time, odd text otherwise. */
export function segmentValue(name: string): fc.Arbitrary<string> {
  return idOr(name, fc.oneof(fc.string({ maxLength: 30 }), oddText)) as fc.Arbitrary<string>;
}

/** Objects shaped by the schema the guard parses with (often valid, sometimes not). */
export function shapedBy(schema: z.ZodType | undefined): fc.Arbitrary<Record<string, unknown>> {
  if (!schema) return fc.constant({});
  const json = z.toJSONSchema(schema, { unrepresentable: "any", io: "input" }) as JsonSchema;
  return json.type === "object" ? objectFor(json) : fc.constant({});
}

/** A shaped object with one field replaced by, or one extra field holding, a hostile value. */
export function hostileObject(schema: z.ZodType | undefined): fc.Arbitrary<Record<string, unknown>> {
  return fc
    .tuple(shapedBy(schema), fc.string({ maxLength: 12 }), hostileValue, fc.boolean())
    .map(([base, extra, value, replace]) => {
      const keys = Object.keys(base);
      const key = replace && keys.length ? keys[extra.length % keys.length]! : extra || "extra";
      return { ...base, [key]: value };
    });
}

const deepNesting = (depth: number) => '{"a":'.repeat(depth) + "1" + "}".repeat(depth);

/** JSON bodies as text: what JSON.stringify of an object cannot produce. */
export const hostileJsonText = fc.constantFrom(
  '{"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}}}',
  '{"quantity":1,"quantity":2}',
  deepNesting(10_000),
  "[1,2,3]",
  '"a string"',
  "null",
  "12",
  '{"unterminated":',
  "\u0000",
  '{"a":"\\ud800"}',
  `{"big":${"9".repeat(400)}}`,
);

/** Content types a JSON route must refuse: 415. */
export const wrongJsonContentType = fc.constantFrom(
  "text/plain",
  "text/plain;application/json",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=x",
  "application/xml",
  "application/jsonp",
);

/** Query strings: repeated, encoded, oversized and prototype-shaped parameters. */
export const hostileQuery = fc.oneof(
  fc.constantFrom(
    "a=1&a=2",
    "__proto__[polluted]=yes",
    "constructor[prototype][polluted]=yes",
    "%00=%00",
    "q=%E0%A4%A",
    `q=${"x".repeat(20_000)}`,
    "page=-1&page=1e308",
    "t=%uD800",
  ),
  fc
    .dictionary(fc.string({ maxLength: 8 }), oddText, { maxKeys: 4 })
    .map((params) => new URLSearchParams(params as Record<string, string>).toString()),
);
