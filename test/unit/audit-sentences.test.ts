import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import {
  AUDIT_SENTENCES,
  describeAuditEntry,
  formatDelta,
  sentenceText,
  type AuditEntryInput,
  type SentencePart,
} from "@/lib/telemetry/audit-sentences";

const root = path.resolve(import.meta.dirname, "../..");
const context = { formatMoney: (minor: number) => `$${(minor / 100).toFixed(2)}` };
const trail = { kind: "product" as const, id: "prod_1", label: "Trail Runner 42" };
const order = { kind: "order" as const, id: "ord_12345678abcdefgh", label: "ABCDEFGH" };

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((item) => {
    const full = path.join(dir, item.name);
    if (item.isDirectory()) return item.name === "generated" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(item.name) ? [full] : [];
  });
}

/** Every action the code base writes to the audit trail, read from the recordAudit calls. */
function recordedActions(): string[] {
  const actions = new Set<string>();
  for (const file of [...sourceFiles(path.join(root, "lib")), ...sourceFiles(path.join(root, "app"))]) {
    const source = readFileSync(file, "utf8");
    const calls = source.split(/\brecordAudit\(/).slice(1);
    for (const call of calls) {
      // Declarations (`recordAudit(db, actor, entry: {...})`) are not calls that record anything.
      if (/^\s*db: TenantDb/.test(call)) continue;
      const action = /action:\s*["'`]([^"'`$]+)["'`]/.exec(call.slice(0, 400))?.[1];
      // An action computed at run time could not be checked here: each call names its action.
      expect(action, `${path.relative(root, file)}: a recordAudit call without a literal action`).toBeDefined();
      actions.add(action!);
    }
  }
  return [...actions].sort();
}

const entry = (action: string, details: Record<string, unknown>, subject: AuditEntryInput["subject"] = trail) =>
  describeAuditEntry({ action, actorName: "Dana", details, subject }, context);

const links = (parts: SentencePart[]) => parts.filter((part) => typeof part !== "string");

describe("audit trail sentences", () => {
  it("has a sentence for every action the code base records", () => {
    const actions = recordedActions();
    // The grep itself works: the trail's known actions are among what it found.
    expect(actions).toEqual(expect.arrayContaining(["product.created", "stock.adjusted", "order.refund_requested"]));
    expect(actions.filter((action) => !(action in AUDIT_SENTENCES))).toEqual([]);
  });

  it("reads every action as a sentence that names the actor and links to the entity", () => {
    const samples: Record<string, Record<string, unknown>> = {
      "product.created": { title: "Trail Runner 42", slug: "trail-runner-42" },
      "product.updated": { title: "Trail Runner 42", description: "New text" },
      "variant.created": { sku: "TR42-M", priceMinor: 12900, stock: 5 },
      "variant.updated": { sku: "TR42-M", priceMinor: 9900 },
      "stock.adjusted": { sku: "TR42-M", delta: -3, stockAfter: 9, reason: "recount" },
      "image.added": { productId: "prod_1", bytes: 1000, type: "png" },
      "image.removed": { productId: "prod_1", path: "/media/x.png" },
      "order.fulfilled": {},
      "order.refund_requested": { amountMinor: 4200 },
      "variant.deleted": { sku: "TR42-M", productId: "prod_1" },
      "category.created": { name: "Tents", slug: "tents" },
      "category.updated": { from: "Tents", to: "Shelters" },
      "category.deleted": { name: "Tents" },
      "store.settings_updated": { changed: ["name", "accentColor"] },
      "store.logo_set": { bytes: 100, type: "image/png", replaced: true },
      "team.invited": { email: "kim@example.test", storeRole: "STAFF", by: "merchant", replaced: false },
      "team.invitation_accepted": { storeRole: "STAFF", account: "created" },
      "team.role_changed": { email: "kim@example.test", from: "STAFF", to: "OWNER" },
      "team.member_removed": { email: "kim@example.test", storeRole: "STAFF", endedSessions: 2 },
      "shipping.updated": { countries: ["CA", "US"], automaticTax: true },
      "shipping_rate.created": { name: "Express", amountMinor: 1800 },
      "shipping_rate.archived": { name: "Express" },
      "discount_code.created": { code: "WELCOME10", percentOff: 10 },
      "discount_code.activated": { code: "WELCOME10" },
      "discount_code.deactivated": { code: "WELCOME10" },
    };
    // Store-wide entries link to the console page of what they changed; the others to their entity.
    const pages: Record<string, string> = {
      category: "/dashboard/categories",
      store: "/dashboard/settings",
      team: "/dashboard/team",
      shipping: "/dashboard/shipping",
      shipping_rate: "/dashboard/shipping",
      discount_code: "/dashboard/discounts",
    };
    for (const action of recordedActions()) {
      const subject = action.startsWith("order.") ? order : trail;
      const parts = entry(action, samples[action] ?? {}, subject);
      const sentence = sentenceText(parts);
      expect(sentence, action).toMatch(/^Dana /);
      expect(sentence, action).not.toMatch(/[{}"]|undefined|null|NaN/);
      const page = pages[action.split(".")[0]!];
      if (page)
        expect(
          links(parts).map((part) => part.href),
          action,
        ).toEqual([page]);
      else
        expect(links(parts), action).toEqual([
          { text: subject.label, href: `/dashboard/${subject.kind}s/${encodeURIComponent(subject.id)}` },
        ]);
    }
    expect(sentenceText(entry("store.settings_updated", samples["store.settings_updated"]!))).toBe(
      "Dana updated the store's settings (name and accent colour)",
    );
    expect(sentenceText(entry("team.role_changed", samples["team.role_changed"]!))).toBe(
      "Dana made kim@example.test owner (was staff) on the team",
    );
    expect(sentenceText(entry("shipping.updated", samples["shipping.updated"]!))).toBe(
      "Dana updated shipping and tax (ships to 2 countries, Stripe Tax on)",
    );
    expect(sentenceText(entry("discount_code.created", samples["discount_code.created"]!))).toBe(
      "Dana created the discount code WELCOME10 (10 % off)",
    );
    expect(sentenceText(entry("category.updated", samples["category.updated"]!))).toBe(
      "Dana renamed the category “Tents” to “Shelters”",
    );
  });

  it("says what changed, in words", () => {
    expect(sentenceText(entry("stock.adjusted", { sku: "TR42-M", delta: -3, stockAfter: 9, reason: "recount" }))).toBe(
      "Dana adjusted stock of Trail Runner 42 (TR42-M) by −3 (recount), leaving 9",
    );
    expect(sentenceText(entry("stock.adjusted", { delta: 12, reason: "delivery" }))).toBe(
      "Dana adjusted stock of Trail Runner 42 by +12 (delivery)",
    );
    expect(sentenceText(entry("product.created", { title: "Trail Runner 42" }))).toBe(
      "Dana created the product Trail Runner 42",
    );
    expect(sentenceText(entry("product.updated", { status: "ACTIVE" }))).toBe("Dana set Trail Runner 42 to active");
    expect(sentenceText(entry("product.updated", { title: "x", categoryId: "c", featured: true }))).toBe(
      "Dana updated Trail Runner 42 (title, category and featured flag)",
    );
    expect(sentenceText(entry("product.updated", {}))).toBe("Dana updated Trail Runner 42 (nothing changed)");
    expect(sentenceText(entry("variant.created", { sku: "TR42-M", priceMinor: 12900, stock: 5 }))).toBe(
      "Dana added option TR42-M to Trail Runner 42 (at $129.00, 5 in stock)",
    );
    expect(sentenceText(entry("variant.updated", { sku: "TR42-M", priceMinor: 9900 }))).toBe(
      "Dana changed option TR42-M of Trail Runner 42: price to $99.00",
    );
    expect(sentenceText(entry("variant.updated", { sku: "TR42-M", title: "Medium", color: "Red" }))).toBe(
      "Dana changed option TR42-M of Trail Runner 42: name and colour",
    );
    expect(sentenceText(entry("order.refund_requested", { amountMinor: 4200 }, order))).toBe(
      "Dana requested a refund of $42.00 for order ABCDEFGH",
    );
    expect(sentenceText(entry("order.fulfilled", {}, order))).toBe("Dana marked order ABCDEFGH as shipped");
    expect(sentenceText(entry("order.fulfilled", { carrier: "UPS", trackingNumber: "1Z999" }, order))).toBe(
      "Dana marked order ABCDEFGH as shipped with UPS, tracking number 1Z999",
    );
    expect(
      sentenceText(entry("order.refund_requested", { amountMinor: 1200, lines: ["1 × Trail Mug (Blue)"] }, order)),
    ).toBe("Dana requested a refund of $12.00 for order ABCDEFGH (1 × Trail Mug (Blue))");
    expect(formatDelta(0)).toBe("+0");
  });

  it("names an entity deleted since without a link, and never prints markup or raw JSON as structure", () => {
    const gone = entry("product.created", { title: "Old <b>lamp</b>" }, null);
    expect(links(gone)).toEqual([]);
    // Text parts are rendered by React as text: the title stays text, escaped on the page.
    expect(sentenceText(gone)).toBe("Dana created the product Old <b>lamp</b>");
    expect(sentenceText(entry("image.removed", {}, null))).toBe("Dana removed an image from a product since deleted");
    expect(sentenceText(entry("order.fulfilled", {}, null))).toBe("Dana marked an order as shipped");
    // Details of the wrong shape (an older version's, or tampered) are left out, not printed.
    expect(sentenceText(entry("stock.adjusted", { delta: "lots", reason: { x: 1 }, stockAfter: null }))).toBe(
      "Dana adjusted stock of Trail Runner 42 by +0",
    );
  });

  it("reads an action it does not know by its name rather than failing", () => {
    expect(sentenceText(entry("store.renamed", {}))).toBe("Dana did “store renamed” on Trail Runner 42");
  });
});
