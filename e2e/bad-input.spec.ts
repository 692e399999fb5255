import { expect, PORT, test } from "./fixtures";

// Crafted query strings get a normal page with sensible defaults: never a 500.
const BAD_QUERIES = [
  "/products?sort=%27%3B%20drop%20table&page=-5",
  "/products?page=99999999999999999999",
  "/products?page=abc&min=abc&max=-1",
  "/products?min=%00&max=1e400&inStock=maybe",
  "/categories/jackets?size=" + "M".repeat(500) + "&color[]=x",
  "/search?q=%E0%A4%A",
  "/search?q=" + "%F0%9F%A7%A5".repeat(50),
  "/products/%E0%A4%A",
];

test("malformed query strings answer a page, never a 500", async ({ request }) => {
  for (const path of BAD_QUERIES) {
    const response = await request.get(path);
    expect(response.status(), path).toBeLessThan(500);
  }
});

test("a path with a trailing slash is redirected to the path without it, query kept", async ({ request }) => {
  for (const [from, to] of [
    ["/products/", "/products"],
    ["/categories/jackets/?sort=price-asc", "/categories/jackets?sort=price-asc"],
    ["/no-such-page/", "/no-such-page"],
  ]) {
    const response = await request.get(from!, { maxRedirects: 0 });
    expect(response.status(), from).toBe(308);
    const location = new URL(response.headers()["location"]!, `http://localhost:${PORT}`);
    expect(`${location.pathname}${location.search}`, from).toBe(to);
  }
  expect((await request.get("/products/")).status()).toBe(200);
});

test("a 10 kB search string is shortened with a notice", async ({ page }) => {
  const response = await page.goto(`/search?q=${"jacket ".repeat(1460)}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole("status")).toHaveText(/shortened to its first 100 characters/);
});

test("a page past the end shows the last page", async ({ page }) => {
  await page.goto("/products?page=400");
  await expect(page.getByRole("navigation", { name: "Pagination" }).locator("[aria-current=page]")).toHaveText("3");
});

test("each store serves its own sitemap.xml and robots.txt", async ({ request }) => {
  const sitemap = await request.get("/sitemap.xml");
  expect(sitemap.headers()["content-type"]).toContain("application/xml");
  const xml = await sitemap.text();
  expect(xml).toContain(`<loc>http://localhost:${PORT}/products/ridgeline-shell-jacket</loc>`);
  expect(xml).not.toContain("halo-pendant-lamp");
  const robots = await (await request.get("/robots.txt")).text();
  expect(robots).toContain(`Sitemap: http://localhost:${PORT}/sitemap.xml`);
  // Asked through another of the store's names, on a port the client chose: the links are the
  // store's own (its primary host), in the sitemap, robots.txt and a page's canonical link.
  const odd = { host: "northwind.localhost:31337" };
  const oddSitemap = await (await request.get("/sitemap.xml", { headers: odd })).text();
  expect(oddSitemap).toContain(`<loc>http://localhost:${PORT}/products/ridgeline-shell-jacket</loc>`);
  expect(oddSitemap).not.toContain("31337");
  expect(await (await request.get("/robots.txt", { headers: odd })).text()).not.toContain("31337");
  const page = await (await request.get("/products/ridgeline-shell-jacket", { headers: odd })).text();
  expect(page).toContain(`<link rel="canonical" href="http://localhost:${PORT}/products/ridgeline-shell-jacket"/>`);
  expect(page).not.toMatch(/https?:\/\/[^"\s]*:31337/);
});
