import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// README (Performance): images are plain <img> elements written by StoreImage, not next/image's
// client component, one per image. A new `import Image from "next/image"` brings the cost back.

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

describe("store images", () => {
  it("come from StoreImage everywhere: no page or component imports next/image", () => {
    const importers = [...sourceFiles(path.join(root, "app")), ...sourceFiles(path.join(root, "lib"))]
      .filter((file) => /from\s+["']next\/image["']/.test(readFileSync(file, "utf8")))
      .map((file) => path.relative(root, file));
    expect(importers).toEqual([]);
  });
});
