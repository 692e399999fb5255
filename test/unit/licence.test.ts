import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

describe("licence", () => {
  it("the LICENSE file is the licence package.json names", () => {
    const { license } = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { license: string };
    expect(license).toBe("MIT");
    const text = readFileSync(path.join(root, "LICENSE"), "utf8");
    expect(text.split("\n")[0]).toBe("MIT License");
    expect(text).toContain('THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND');
  });
});
