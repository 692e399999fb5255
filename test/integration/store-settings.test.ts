import "../support/in-process-mocks";
import { rmSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as logoRoute from "@/app/api/dashboard/settings/logo/route";
import * as settingsRoute from "@/app/api/dashboard/settings/route";
import { readMedia } from "@/lib/catalog/media-storage";
import type { CurrentUser } from "@/lib/identity/current-user";
import { findTenantByHost } from "@/lib/tenancy";
import { createTenant, createTenantSchema } from "@/lib/tenancy/admin-tenants";
import { getDb, getTenantIds, type SeededTenantIds } from "../support/db";
import { tinyPng } from "../support/images";
import { callHandler, loadMerchant } from "../support/merchant-calls";

// Issue 16, item 2: a merchant's store settings. Every field validated (strict: unknown fields
// refused), the logo checked by its bytes like product images, the currency rule, and every save
// visible on the storefront's very next request (the host look-up is cached, decision 012).

const HOST = "northwind.localhost";
let ids: SeededTenantIds;
let merchant: CurrentUser;

const VALID = {
  name: "Northwind Outfitters",
  tagline: "Gear for the long way round.",
  description: "Outdoor clothing and packs.\nMade to be mended.",
  currency: "USD",
  locale: "en-US",
  accentColor: "#0f766e",
  shippingPolicy: "We ship within 2 days.",
  returnsPolicy: "Return within 30 days.",
  privacyPolicy: "",
};

const patch = (json: unknown, user: CurrentUser | null = merchant) =>
  callHandler(settingsRoute.PATCH, "PATCH", { host: HOST, user, json });

async function storeRow(id: string) {
  return (await getDb()).tenant.findUniqueOrThrow({ where: { id } });
}

beforeAll(async () => {
  process.env.MEDIA_DIR = `data/test-uploads-settings-${process.pid}`;
  ids = await getTenantIds();
  merchant = await loadMerchant(ids.northwind);
});

afterAll(() => rmSync(process.env.MEDIA_DIR!, { recursive: true, force: true }));

describe("saving settings", () => {
  it("saves every field and shows a rename on the storefront's next request", async () => {
    // Fill the host cache first: what the storefront read a moment ago.
    expect((await findTenantByHost(HOST))?.name).toBe("Northwind Outfitters");
    const saved = await patch({ ...VALID, name: "Northwind & Co", locale: "en-GB", accentColor: "#38BDF8" });
    expect(saved).toEqual({ status: 200, body: { ok: true } });
    const store = await findTenantByHost(HOST);
    expect(store).toMatchObject({
      name: "Northwind & Co",
      locale: "en-GB",
      accentColor: "#38bdf8",
      policies: { shipping: VALID.shippingPolicy, returns: VALID.returnsPolicy, privacy: "" },
    });
    // One field at a time invalidates just the same.
    for (const [field, value] of [
      ["tagline", "New tagline"],
      ["description", "New description"],
      ["privacyPolicy", "We keep nothing we do not need."],
      ["accentColor", "#1d4ed8"],
      ["locale", "de-CH"],
      ["currency", "EUR"],
    ] as const) {
      expect((await patch({ [field]: value })).status, field).toBe(200);
      const fresh = await findTenantByHost(HOST);
      const read = field === "privacyPolicy" ? fresh?.policies.privacy : fresh?.[field];
      expect(read, field).toBe(value);
    }
    const audit = await (await getDb()).auditLog.findMany({ where: { tenantId: ids.northwind, entity: "Tenant" } });
    expect(audit.map((entry) => entry.action)).toContain("store.settings_updated");
    expect((await patch({ ...VALID })).status).toBe(200);
  });

  it("refuses bad values field by field, changing nothing", async () => {
    const before = await storeRow(ids.northwind);
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "" }, "name"],
      [{ name: "x".repeat(81) }, "name"],
      [{ name: "Bell\u0007" }, "name"],
      [{ name: 42 }, "name"],
      [{ tagline: "two\nlines" }, "tagline"],
      [{ tagline: "t".repeat(121) }, "tagline"],
      [{ description: "d".repeat(1001) }, "description"],
      [{ description: ["a"] }, "description"],
      [{ currency: "BTC" }, "currency"],
      [{ currency: "usd" }, "currency"],
      [{ locale: "xx-XX" }, "locale"],
      [{ locale: "en_US" }, "locale"],
      [{ accentColor: "#38bdf8; background:url(x)" }, "accentColor"],
      [{ accentColor: "#777777" }, "accentColor"],
      [{ accentColor: "red" }, "accentColor"],
      [{ shippingPolicy: "s".repeat(5001) }, "shippingPolicy"],
      [{ returnsPolicy: null }, "returnsPolicy"],
      [{ privacyPolicy: "zero\u200bwidth" }, "privacyPolicy"],
    ];
    for (const [body, field] of cases) {
      const answer = await patch({ ...VALID, ...body });
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(Object.keys(answer.body.fieldErrors ?? {}), JSON.stringify(body)).toEqual([field]);
    }
    expect((await patch({ ...VALID, accentColor: "#777777" })).body.fieldErrors?.accentColor?.[0]).toContain(
      "white reaches 4.47:1",
    );
    // Unknown fields, another store's id, an empty body, a body that is not an object.
    for (const body of [
      { ...VALID, tenantId: ids.lumen },
      { ...VALID, logoPath: "/media/elsewhere.png" },
      { ...VALID, kind: "PLATFORM" },
      { ...VALID, mailReplyTo: "thief@example.test" },
      {},
    ])
      expect((await patch(body)).status, JSON.stringify(body)).toBe(400);
    for (const raw of ["[]", '"name"', "{", "null"]) expect((await patch(raw)).status, raw).toBe(400);
    expect(await storeRow(ids.northwind)).toEqual(before);
    expect((await storeRow(ids.lumen)).name).toBe("Lumen Home");
  });

  it("answers only a merchant of this store", async () => {
    const users = await getDb();
    const shopper = await users.user.findFirstOrThrow({ where: { tenantId: ids.northwind, role: "CUSTOMER" } });
    const asShopper = { ...merchant, id: shopper.id, email: shopper.email, role: "CUSTOMER" as const };
    expect((await patch({ name: "Taken over" }, asShopper)).status).toBe(404);
    expect((await patch({ name: "Taken over" }, null)).status).toBe(401);
    expect((await storeRow(ids.northwind)).name).toBe(VALID.name);
  });
});

describe("the currency", () => {
  it("is refused while an unpaid order is open, and across minor units while options exist", async () => {
    const db = await getDb();
    const order = await db.order.create({
      data: { tenantId: ids.northwind, currency: "USD", subtotalMinor: 100, totalMinor: 100, status: "PENDING" },
    });
    const refused = await patch({ currency: "EUR" });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatch(/1 unpaid order is still open in USD/);
    expect((await storeRow(ids.northwind)).currency).toBe("USD");
    // Saving the form with the same currency is not a change.
    expect((await patch({ ...VALID })).status).toBe(200);
    await db.order.update({ where: { id: order.id }, data: { status: "EXPIRED" } });
    const yen = await patch({ currency: "JPY" });
    expect(yen.status).toBe(409);
    expect(yen.body.error).toMatch(/prices are not converted/);
    expect((await patch({ currency: "GBP" })).status).toBe(200);
    expect((await findTenantByHost(HOST))?.currency).toBe("GBP");
    // A placed order keeps its own currency.
    expect((await db.order.findUniqueOrThrow({ where: { id: order.id } })).currency).toBe("USD");
    expect((await patch({ currency: "USD" })).status).toBe(200);
  });
});

describe("the logo", () => {
  const upload = (bytes: Uint8Array<ArrayBuffer>, name = "logo.png", type = "image/png") => {
    const form = new FormData();
    form.set("file", new File([bytes], name, { type }));
    return callHandler(logoRoute.POST, "POST", { host: HOST, user: merchant, form });
  };
  const mediaKey = (path: string | null) => /^\/media\/([0-9a-f]{32}\.png)$/.exec(path ?? "")?.[1];

  it("is checked by its bytes, replaces the old file, and shows at once", async () => {
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');
    const refusedSvg = await upload(new Uint8Array(svg), "logo.png");
    expect(refusedSvg.status).toBe(415);
    const notAnImage = await upload(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9]), "logo.webp", "image/webp");
    expect(notAnImage.status).toBe(415);
    const huge = new Uint8Array(2 * 1024 * 1024 + 1);
    huge.set(tinyPng());
    expect((await upload(huge)).status).toBe(400);
    const noFile = new FormData();
    noFile.set("file", "not a file");
    expect((await callHandler(logoRoute.POST, "POST", { host: HOST, user: merchant, form: noFile })).status).toBe(400);
    const smuggled = new FormData();
    smuggled.set("file", new File([tinyPng()], "logo.png"));
    smuggled.set("tenantId", ids.lumen);
    expect((await callHandler(logoRoute.POST, "POST", { host: HOST, user: merchant, form: smuggled })).status).toBe(
      400,
    );
    // The seeded store's logo is art under /assets: refused uploads leave it, and no stray file.
    expect((await storeRow(ids.northwind)).logoPath).toBe("/assets/logos/northwind.svg");
    expect(await (await getDb()).mediaFile.count({ where: { tenantId: ids.northwind } })).toBe(0);

    expect((await findTenantByHost(HOST))?.logoPath).toBe("/assets/logos/northwind.svg");
    const first = await upload(tinyPng(40, 40));
    expect(first.status).toBe(200);
    const firstKey = mediaKey(first.body.path as string)!;
    expect((await findTenantByHost(HOST))?.logoPath).toBe(`/media/${firstKey}`);
    expect(await readMedia(firstKey)).not.toBeNull();

    const second = await upload(tinyPng(64, 32));
    const secondKey = mediaKey(second.body.path as string)!;
    expect((await findTenantByHost(HOST))?.logoPath).toBe(`/media/${secondKey}`);
    // The replaced file is gone, from the disk and from the store's media.
    expect(await readMedia(firstKey)).toBeNull();
    const media = await (await getDb()).mediaFile.findMany({ where: { tenantId: ids.northwind } });
    expect(media.map((m) => m.key)).toEqual([secondKey]);

    expect((await callHandler(logoRoute.DELETE, "DELETE", { host: HOST, user: merchant, json: {} })).status).toBe(200);
    expect((await findTenantByHost(HOST))?.logoPath).toBeNull();
    expect(await readMedia(secondKey)).toBeNull();
  });

  it("keeps one file per logo when two uploads race", async () => {
    const answers = await Promise.all([upload(tinyPng(10, 10)), upload(tinyPng(20, 20)), upload(tinyPng(30, 30))]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const logo = (await storeRow(ids.northwind)).logoPath;
    const media = await (await getDb()).mediaFile.findMany({ where: { tenantId: ids.northwind } });
    expect(media.map((m) => `/media/${m.key}`)).toEqual([logo]);
  });
});

describe("the administrator's new store", () => {
  const admin = { email: "admin@bulwark.test", ip: "192.0.2.1" };

  it("refuses an accent no text can be read on, and starts with no made-up category", async () => {
    const refused = createTenantSchema.safeParse({
      slug: "grey-shop",
      name: "Grey Shop",
      currency: "GBP",
      host: "grey.localhost",
      accentColor: "#808080",
    });
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toContain("hard to read");
    await createTenant(
      createTenantSchema.parse({
        slug: "sky-shop",
        name: "Sky Shop",
        currency: "GBP",
        host: "sky.localhost",
        accentColor: "#38bdf8",
      }),
      admin,
    );
    const store = await findTenantByHost("sky.localhost");
    expect(store).toMatchObject({ accentColor: "#38bdf8", locale: "en-US" });
    expect(await (await getDb()).category.count({ where: { tenantId: store!.id } })).toBe(0);
  });
});
