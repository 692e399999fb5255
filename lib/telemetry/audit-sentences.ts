// The store's audit trail read as sentences ("Dana adjusted stock of Trail Runner 42 by −3
// (recount)"), each naming the thing changed with a link to it. Pure: the caller resolves names
// (who acted, which product or order) and brings the store's money format, so this module stays
// below the catalog in the dependency order and is testable on its own.

/** A piece of a sentence: plain text, or the entity it is about with a link to it. */
export type SentencePart = string | { text: string; href: string };

/** What the entity of an entry resolved to; null when it is gone (deleted since). */
export type AuditSubject = { kind: "product" | "order"; id: string; label: string } | null;

export type AuditEntryInput = {
  action: string;
  actorName: string;
  /** The entry's details as recorded (JSON text in the log), already parsed. */
  details: Record<string, unknown>;
  /** The product (for a product, option, stock or image entry) or order the entry is about. */
  subject: AuditSubject;
};

export type SentenceContext = { formatMoney: (minor: number) => string };

type Builder = (entry: AuditEntryInput, context: SentenceContext) => SentencePart[];

const text = (value: unknown): string | undefined => (typeof value === "string" && value.trim() ? value : undefined);
const count = (value: unknown): number | undefined =>
  typeof value === "number" && Number.isFinite(value) ? value : undefined;

/** A signed change as people write it, with a real minus sign: +3, −3. */
export function formatDelta(delta: number): string {
  return delta < 0 ? `−${Math.abs(delta)}` : `+${delta}`;
}

/** The entity as a link when it still exists, else the name it had when recorded, as text. */
function subjectPart(entry: AuditEntryInput, fallback: string): SentencePart {
  const { subject } = entry;
  if (!subject) return fallback;
  const base = subject.kind === "product" ? "/dashboard/products/" : "/dashboard/orders/";
  return { text: subject.label, href: `${base}${encodeURIComponent(subject.id)}` };
}

const product = (entry: AuditEntryInput) => subjectPart(entry, text(entry.details.title) ?? "a product since deleted");
/** "order ABCDEFGH" with a link, or "an order" when it is gone. */
const order = (entry: AuditEntryInput): SentencePart[] =>
  entry.subject ? ["order ", subjectPart(entry, "")] : ["an order"];
const sku = (entry: AuditEntryInput) => text(entry.details.sku);

const PRODUCT_FIELD_NAMES: Record<string, string> = {
  title: "title",
  slug: "address",
  description: "description",
  categoryId: "category",
  status: "status",
  featured: "featured flag",
};
const VARIANT_FIELD_NAMES: Record<string, string> = {
  title: "name",
  size: "size",
  color: "colour",
  priceMinor: "price",
};

/** "title and status", "title, description and category". */
function listFields(details: Record<string, unknown>, names: Record<string, string>, skip: string[] = []): string {
  const fields = Object.keys(details)
    .filter((key) => !skip.includes(key))
    .map((key) => names[key] ?? key);
  if (fields.length <= 1) return fields[0] ?? "";
  return `${fields.slice(0, -1).join(", ")} and ${fields.at(-1)}`;
}

function productUpdated(entry: AuditEntryInput): SentencePart[] {
  const { details } = entry;
  const status = text(details.status);
  if (status && Object.keys(details).length === 1)
    return [`${entry.actorName} set `, product(entry), ` to ${status.toLowerCase()}`];
  const fields = listFields(details, PRODUCT_FIELD_NAMES);
  return [`${entry.actorName} updated `, product(entry), fields ? ` (${fields})` : " (nothing changed)"];
}

function variantUpdated(entry: AuditEntryInput, { formatMoney }: SentenceContext): SentencePart[] {
  const { details } = entry;
  const fields = listFields(details, VARIANT_FIELD_NAMES, ["sku"]);
  const price = count(details.priceMinor);
  const changes = price !== undefined && fields === "price" ? `price to ${formatMoney(price)}` : fields || "nothing";
  const code = sku(entry);
  return [`${entry.actorName} changed option ${code ? `${code} ` : ""}of `, product(entry), `: ${changes}`];
}

function stockAdjusted(entry: AuditEntryInput): SentencePart[] {
  const delta = count(entry.details.delta) ?? 0;
  const reason = text(entry.details.reason);
  const after = count(entry.details.stockAfter);
  return [
    `${entry.actorName} adjusted stock of `,
    product(entry),
    `${sku(entry) ? ` (${sku(entry)})` : ""} by ${formatDelta(delta)}${reason ? ` (${reason})` : ""}${after !== undefined ? `, leaving ${after}` : ""}`,
  ];
}

const SETTINGS_FIELD_NAMES: Record<string, string> = {
  name: "name",
  tagline: "tagline",
  description: "description",
  currency: "currency",
  locale: "language and region",
  accentColor: "accent colour",
  shippingPolicy: "shipping policy",
  returnsPolicy: "returns policy",
  privacyPolicy: "privacy policy",
};

const link = (label: string, href: string): SentencePart => ({ text: label, href });
const categories = (label: string) => link(label, "/dashboard/categories");
const settings = (label: string) => link(label, "/dashboard/settings");
const team = (label: string) => link(label, "/dashboard/team");
const shipping = (label: string) => link(label, "/dashboard/shipping");
const discounts = (label: string) => link(label, "/dashboard/discounts");
const role = (value: unknown) => (text(value) ?? "member").toLowerCase();

function settingsUpdated(entry: AuditEntryInput): SentencePart[] {
  const changed = Array.isArray(entry.details.changed)
    ? entry.details.changed.filter((key) => typeof key === "string")
    : [];
  const fields = listFields(Object.fromEntries(changed.map((key) => [key, true])), SETTINGS_FIELD_NAMES);
  return [
    `${entry.actorName} updated the store's `,
    settings("settings"),
    fields ? ` (${fields})` : " (nothing changed)",
  ];
}

function categoryUpdated(entry: AuditEntryInput): SentencePart[] {
  const from = text(entry.details.from);
  const to = text(entry.details.to);
  const move = text(entry.details.move);
  if (from && to) return [`${entry.actorName} renamed the category “${from}” to `, categories(`“${to}”`)];
  return [`${entry.actorName} moved a category ${move ?? ""} in the `, categories("category order")];
}

/**
 * One sentence per audit action the code base records. test/unit/audit-sentences.test.ts finds
 * every `recordAudit` action in lib/ and app/ and fails for one without a sentence here.
 */
export const AUDIT_SENTENCES: Record<string, Builder> = {
  "product.created": (entry) => [`${entry.actorName} created the product `, product(entry)],
  "product.updated": productUpdated,
  "variant.created": (entry, { formatMoney }) => {
    const price = count(entry.details.priceMinor);
    const stock = count(entry.details.stock);
    const facts = [
      price !== undefined ? `at ${formatMoney(price)}` : null,
      stock !== undefined ? `${stock} in stock` : null,
    ]
      .filter(Boolean)
      .join(", ");
    const code = sku(entry);
    return [`${entry.actorName} added option ${code ? `${code} ` : ""}to `, product(entry), facts ? ` (${facts})` : ""];
  },
  "variant.updated": variantUpdated,
  "stock.adjusted": stockAdjusted,
  "image.added": (entry) => [`${entry.actorName} added an image to `, product(entry)],
  "image.removed": (entry) => [`${entry.actorName} removed an image from `, product(entry)],
  "order.fulfilled": (entry) => {
    const carrier = text(entry.details.carrier);
    const tracking = text(entry.details.trackingNumber);
    const how = carrier ? ` with ${carrier}${tracking ? `, tracking number ${tracking}` : ""}` : "";
    return [`${entry.actorName} marked `, ...order(entry), ` as shipped${how}`];
  },
  "variant.deleted": (entry) => [`${entry.actorName} deleted option ${sku(entry) ?? ""} of `, product(entry)],
  "category.created": (entry) => [
    `${entry.actorName} created the category `,
    categories(`“${text(entry.details.name) ?? "unnamed"}”`),
  ],
  "category.updated": categoryUpdated,
  "category.deleted": (entry) => [
    `${entry.actorName} deleted the category “${text(entry.details.name) ?? "unnamed"}” from the `,
    categories("categories"),
  ],
  "store.settings_updated": settingsUpdated,
  "store.logo_set": (entry) => [
    `${entry.actorName} ${entry.details.replaced === true ? "replaced" : "added"} the store's `,
    settings("logo"),
  ],
  "store.logo_removed": (entry) => [`${entry.actorName} removed the store's `, settings("logo")],
  "team.invited": (entry) => [
    `${entry.actorName} invited ${text(entry.details.email) ?? "someone"} to the `,
    team("team"),
    ` as ${role(entry.details.storeRole)}`,
  ],
  "team.invitation_revoked": (entry) => [`${entry.actorName} revoked an invitation to the `, team("team")],
  "team.invitation_accepted": (entry) => [
    `${entry.actorName} accepted an invitation and joined the `,
    team("team"),
    ` as ${role(entry.details.storeRole)}`,
  ],
  "team.role_changed": (entry) => [
    `${entry.actorName} made ${text(entry.details.email) ?? "a member"} ${role(entry.details.to)} (was ${role(entry.details.from)}) on the `,
    team("team"),
  ],
  "team.member_removed": (entry) => [
    `${entry.actorName} removed ${text(entry.details.email) ?? "a member"} from the `,
    team("team"),
  ],
  "shipping.updated": (entry) => {
    const countries = Array.isArray(entry.details.countries) ? entry.details.countries.length : undefined;
    const tax = entry.details.automaticTax;
    const facts = [
      countries !== undefined ? `ships to ${countries} ${countries === 1 ? "country" : "countries"}` : null,
      typeof tax === "boolean" ? `Stripe Tax ${tax ? "on" : "off"}` : null,
    ].filter(Boolean);
    return [`${entry.actorName} updated `, shipping("shipping and tax"), facts.length ? ` (${facts.join(", ")})` : ""];
  },
  "shipping_rate.created": (entry, { formatMoney }) => {
    const amount = count(entry.details.amountMinor);
    return [
      `${entry.actorName} added the shipping option `,
      shipping(`“${text(entry.details.name) ?? "unnamed"}”`),
      amount !== undefined ? ` at ${formatMoney(amount)}` : "",
    ];
  },
  "shipping_rate.archived": (entry) => [
    `${entry.actorName} archived the shipping option `,
    shipping(`“${text(entry.details.name) ?? "unnamed"}”`),
  ],
  "discount_code.created": (entry, { formatMoney }) => {
    const percent = count(entry.details.percentOff);
    const amount = count(entry.details.amountOffMinor);
    const off = percent !== undefined ? `${percent} % off` : amount !== undefined ? `${formatMoney(amount)} off` : "";
    return [
      `${entry.actorName} created the discount code `,
      discounts(text(entry.details.code) ?? "a code"),
      off ? ` (${off})` : "",
    ];
  },
  "discount_code.activated": (entry) => [
    `${entry.actorName} switched on the discount code `,
    discounts(text(entry.details.code) ?? "a code"),
  ],
  "discount_code.deactivated": (entry) => [
    `${entry.actorName} switched off the discount code `,
    discounts(text(entry.details.code) ?? "a code"),
  ],
  "order.refund_requested": (entry, { formatMoney }) => {
    const amount = count(entry.details.amountMinor);
    const what = amount !== undefined ? `a refund of ${formatMoney(amount)}` : "a refund";
    const lines = Array.isArray(entry.details.lines)
      ? entry.details.lines.filter((line) => typeof line === "string")
      : [];
    return [`${entry.actorName} requested ${what} for `, ...order(entry), lines.length ? ` (${lines.join(", ")})` : ""];
  },
};

/** The sentence for an entry; an action recorded by an older version reads as what it is called. */
export function describeAuditEntry(entry: AuditEntryInput, context: SentenceContext): SentencePart[] {
  const build = AUDIT_SENTENCES[entry.action];
  const parts = build
    ? build(entry, context)
    : [`${entry.actorName} did “${entry.action.replace(/[._]/g, " ")}” on `, subjectPart(entry, "an item")];
  return parts.filter((part) => part !== "");
}

/** The sentence as plain text (for tests and for places without links). */
export function sentenceText(parts: SentencePart[]): string {
  return parts.map((part) => (typeof part === "string" ? part : part.text)).join("");
}
