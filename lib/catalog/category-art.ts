import "server-only";
import { existsSync } from "node:fs";
import path from "node:path";

// Seeded stores ship an illustration per category under public/assets/catalog/<store>/; a
// category a merchant creates has none, and linking to one that is not there was a broken image
// on every new store's home page. The answer per file is kept: the public folder only changes
// with a deploy.

const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const known = new Map<string, boolean>();

/** The public path of a category's illustration, or null when it has none (render a placeholder). */
export function findCategoryArt(storeSlug: string, categorySlug: string): string | null {
  if (!SLUG.test(storeSlug) || !SLUG.test(categorySlug)) return null;
  const publicPath = `/assets/catalog/${storeSlug}/category-${categorySlug}.svg`;
  let exists = known.get(publicPath);
  if (exists === undefined) {
    exists = existsSync(path.join(/*turbopackIgnore: true*/ process.cwd(), "public", publicPath));
    if (known.size < 10_000) known.set(publicPath, exists);
  }
  return exists ? publicPath : null;
}
