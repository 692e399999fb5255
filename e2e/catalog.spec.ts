import type { Route } from "@playwright/test";
import { expect, storeUrl, test } from "./fixtures";

test("a shopper browses home → category → filter → product → picks a variant", async ({ page }) => {
  await page.goto("/");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gear for the long way round.");
  await expect(page).toHaveTitle(/Northwind Outfitters/);

  await page.getByRole("navigation", { name: "Categories" }).getByRole("link", { name: "Jackets & Shells" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Jackets & Shells" })).toBeVisible();
  const unfiltered = await page.getByTestId("product-grid").getByRole("listitem").count();

  await page.getByLabel("Size").selectOption("M");
  await page.getByLabel("In stock only").check();
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/size=M/);
  await expect(page).toHaveURL(/inStock=1/);
  const filtered = page.getByTestId("product-grid").getByRole("listitem");
  await expect(page.getByLabel("Size")).toHaveValue("M");
  await expect(filtered.first()).toBeVisible();
  expect(await filtered.count()).toBeLessThanOrEqual(unfiltered);

  await page.getByLabel("Sort by").selectOption("price-desc");
  await expect(page).toHaveURL(/sort=price-desc/);
  await expect(page).toHaveURL(/size=M/);

  await filtered.first().getByRole("link").click();
  await expect(
    page.getByRole("navigation", { name: "Breadcrumb" }).getByRole("link", { name: "Jackets & Shells" }),
  ).toBeVisible();
  const options = page.getByRole("radio");
  expect(await options.count()).toBeGreaterThan(1);
  const sku = page.getByTestId("sku");
  const before = await sku.textContent();
  const other = options.nth(1);
  await expect(other).toBeEnabled();
  await other.check({ force: true });
  await expect(sku).not.toHaveText(before ?? "");
  const chosen = await other.getAttribute("value");
  await expect(page).toHaveURL(new RegExp(`variant=${chosen}`));
  await expect(page.getByTestId("stock-state")).toHaveText(/In stock|Only \d+ left|Out of stock/);

  // The choice survives a reload.
  await page.reload();
  await expect(sku).toHaveText(`SKU ${chosen}`);

  // Search engines read the product from its JSON-LD: the page's own title, price and store.
  const jsonLd = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent()) ?? "{}") as {
    "@type": string;
    name: string;
    url: string;
    offers: { priceCurrency: string; lowPrice: string };
  };
  expect(jsonLd["@type"]).toBe("Product");
  expect(jsonLd.name).toBe(await page.getByRole("heading", { level: 1 }).textContent());
  expect(new URL(jsonLd.url).pathname).toBe(new URL(page.url()).pathname);
  expect(Number(jsonLd.offers.lowPrice)).toBeGreaterThan(0);
});

test("a sort chosen before the page's script has run is applied once it runs", async ({ page }) => {
  // The script arrives late (a slow phone): the shopper's choice must not be lost on the way.
  const held: Route[] = [];
  let holding = true;
  await page.route(/\/_next\/static\/chunks\//, (route) => (holding ? held.push(route) : route.continue()));
  await page.goto("/categories/jackets", { waitUntil: "commit" });
  await page.getByLabel("Sort by").selectOption("price-desc");
  await expect(page).not.toHaveURL(/sort=/);
  holding = false;
  await Promise.all(held.map((route) => route.continue()));
  await expect(page).toHaveURL(/sort=price-desc/);
  await expect(page.getByLabel("Sort by")).toHaveValue("price-desc");
});

test("variants can be chosen with the keyboard", async ({ page }) => {
  await page.goto("/products/ridgeline-shell-jacket");
  const first = page.getByRole("radio").first();
  await expect(first).toBeEnabled();
  await first.focus();
  await page.keyboard.press("ArrowRight");
  await expect(page.getByRole("radio").nth(1)).toBeChecked();
});

test("search finds products by title and description", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("searchbox", { name: "Search products" }).fill("merino");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/search\?q=merino/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Results for “merino”");
  const grid = page.getByTestId("product-grid");
  await expect(grid.getByRole("link", { name: "Meridian Merino Tee" })).toBeVisible();
  await expect(grid.getByRole("link", { name: "Alpine Beanie" })).toBeVisible(); // matched by its description

  await page.goto("/search?q=unobtainium");
  await expect(page.getByText("No products match these filters.")).toBeVisible();
});

test("the second store shows only its own catalog and look", async ({ page }) => {
  await page.goto(storeUrl("lumen.localhost"));
  await expect(page).toHaveTitle(/Lumen Home/);
  await expect(page.getByRole("link", { name: "Lumen Home home" })).toBeVisible();
  await expect(page.getByRole("navigation", { name: "Categories" })).not.toContainText("Jackets");

  await page.goto(storeUrl("lumen.localhost", "/products?page=1"));
  await expect(page.getByTestId("product-grid")).toContainText("€");
  await expect(page.getByTestId("product-grid")).not.toContainText("$");

  await page.goto(storeUrl("lumen.localhost", "/search?q=jacket"));
  await expect(page.getByText("No products match these filters.")).toBeVisible();

  const accent = await page.locator("[style*='--accent']").first().getAttribute("style");
  expect(accent).toContain("#b45309");
});

test.describe("not found", () => {
  test.use({ allowedConsoleErrors: /status of 404/ });

  test("an unknown product answers 404 in the store's look", async ({ page }) => {
    const response = await page.goto("/products/no-such-thing");
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "We couldn’t find that page" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Northwind Outfitters home" })).toBeVisible();
  });

  test("another store's product answers 404", async ({ page }) => {
    const response = await page.goto("/products/halo-pendant-lamp");
    expect(response?.status()).toBe(404);
  });

  test("an unknown category and an unknown path answer 404", async ({ page }) => {
    expect((await page.goto("/categories/nope"))?.status()).toBe(404);
    expect((await page.goto("/some/deep/path.html"))?.status()).toBe(404);
  });

  test("an unknown host answers 404", async ({ page }) => {
    const response = await page.goto(storeUrl("nowhere.localhost"));
    expect(response?.status()).toBe(404);
    await expect(page.getByRole("heading", { name: "There is no store here" })).toBeVisible();
  });

  test("the internal tenant segment cannot be requested to pick another store", async ({ page }) => {
    expect((await page.goto("/_tenant/lumen.localhost/products/halo-pendant-lamp"))?.status()).toBe(404);
    expect((await page.goto("/%5Ftenant/lumen.localhost"))?.status()).toBe(404);
  });
});

/** Width and height from a PNG's IHDR chunk (bytes 16–23), after checking its signature. */
function pngSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 8).toString("hex")).toBe("89504e470d0a1a0a");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

test("shared links preview as PNG cards: one per product and one per store, from this store only", async ({
  page,
  request,
}) => {
  await page.goto("/products/ridgeline-shell-jacket");
  const productCard = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(productCard).toMatch(/\/products\/ridgeline-shell-jacket\/opengraph\.png$/);
  await expect(page.locator('meta[property="og:image:width"]')).toHaveAttribute("content", "1200");
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  const card = await request.get(new URL(productCard!).pathname);
  expect(card.status()).toBe(200);
  expect(card.headers()["content-type"]).toBe("image/png");
  expect(pngSize(await card.body())).toEqual({ width: 1200, height: 630 });

  await page.goto("/");
  const storeCard = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(new URL(storeCard!).pathname).toBe("/opengraph.png");
  const storeImage = await request.get("/opengraph.png");
  expect(storeImage.status()).toBe(200);
  expect(pngSize(await storeImage.body())).toEqual({ width: 1200, height: 630 });

  // Another store's product has no card here, and a made-up slug none anywhere.
  expect((await request.get("/products/halo-pendant-lamp/opengraph.png")).status()).toBe(404);
  const lumen = { host: `lumen.localhost:${new URL(page.url()).port}` };
  expect((await request.get("/products/halo-pendant-lamp/opengraph.png", { headers: lumen })).status()).toBe(200);
  expect((await request.get("/products/no-such-thing/opengraph.png")).status()).toBe(404);
});

test("choosing a colour shows that colour's image, also after a reload", async ({ page }) => {
  await page.goto("/products/portage-duffel-60l");
  const main = page.getByTestId("main-image");
  const options = page.getByRole("radio");
  await expect(options.nth(1)).toBeEnabled();
  await options.nth(1).check({ force: true });
  const colour = (await options.nth(1).getAttribute("value"))!;
  const name = (await page.locator("fieldset label").nth(1).textContent())!.trim();
  await expect(main).toHaveAttribute("alt", `Portage Duffel 60L in ${name}`);
  await expect(main).toHaveAttribute("src", new RegExp(`portage-duffel-60l-${name.toLowerCase()}\\.svg$`));
  expect((await page.request.get((await main.getAttribute("src"))!)).status()).toBe(200);
  await page.reload();
  await expect(page).toHaveURL(new RegExp(`variant=${colour}`));
  await expect(main).toHaveAttribute("alt", `Portage Duffel 60L in ${name}`);
});
